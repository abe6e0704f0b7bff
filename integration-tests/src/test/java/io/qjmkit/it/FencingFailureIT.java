package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.process.AckingWriter;
import io.qjmkit.testkit.process.HaClusterOptions;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.time.Duration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.junit.jupiter.api.Test;

/**
 * Never promote without a successful fence: the active NameNode is killed, so the graceful
 * step-down cannot work, and the only fencing method is {@code shell(/bin/false)}. The standby's
 * controller wins the election but must not promote its NameNode, however often it retries.
 */
class FencingFailureIT extends WithHaProcessCluster {
    @Test
    void noPromotionWhenFencingFails() throws Exception {
        cluster = HaProcessCluster.start("fence-fail", new HaClusterOptions().fencing("shell(/bin/false)"));
        int active = cluster.active().orElseThrow();
        int standby = HaProcessCluster.other(active);
        // Every call fails while no NameNode is active: give each up after a few seconds.
        try (FileSystem fs = cluster.haFileSystem(8);
                AckingWriter writer = new AckingWriter(fs, "/fence-fail")) {
            writer.awaitMore(100, Duration.ofSeconds(60));
            cluster.kill9NameNode(active);
            long killedAt = System.currentTimeMillis();

            // Detection is immediate, a fence attempt takes well under a second and the retry
            // back-off is 2 s: 12 s cover several attempts.
            Throughout.holds(
                    HaProcessCluster.id(standby) + " stays standby while fencing fails",
                    Duration.ofSeconds(12),
                    () -> cluster.state(standby)
                            .map(s -> s != HAServiceState.ACTIVE)
                            .orElse(true));
            assertThat(cluster.state(standby)).contains(HAServiceState.STANDBY);
            assertThat(writer.firstAckAtOrAfter(killedAt + 1000))
                    .as("a write acknowledged without an active NameNode")
                    .isEmpty();
            // It did try, more than once: the method ran and failed, it was not skipped.
            assertThat(cluster.controllerLog(standby).split("/bin/false", -1).length - 1)
                    .as("mentions of the failing fence method in the standby's controller log")
                    .isGreaterThanOrEqualTo(2);
        }
    }
}
