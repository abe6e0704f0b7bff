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
 * SIGKILL of the active NameNode process: its controller notices at once, the other controller
 * wins the election, fences and promotes the standby, all without an operator, and every
 * directory the client saw acknowledged survives.
 */
class AutoFailoverNameNodeKillIT extends WithHaProcessCluster {
    @Test
    void standbyBecomesActiveAutomaticallyAndNoAcknowledgedWriteIsLost() throws Exception {
        cluster = HaProcessCluster.start("auto-kill", new HaClusterOptions());
        int active = cluster.active().orElseThrow();
        int standby = HaProcessCluster.other(active);
        try (FileSystem fs = cluster.haFileSystem();
                AckingWriter writer = new AckingWriter(fs, "/auto-kill")) {
            writer.awaitMore(200, Duration.ofSeconds(60));

            long killedAt = System.currentTimeMillis();
            cluster.kill9NameNode(active);
            // Acks stamped before the process was gone may still come from it.
            long deadAt = System.currentTimeMillis();

            cluster.awaitState(standby, HAServiceState.ACTIVE, Duration.ofSeconds(60), "after the kill");
            writer.awaitMore(200, Duration.ofSeconds(60));
            assertThat(writer.stop()).as("writer failure").isNull();

            assertThat(writer.missingIn(fs))
                    .as("acknowledged directories missing after the failover")
                    .isEmpty();
            System.out.printf(
                    "auto-kill: kill -> first write %d ms, longest client gap %d ms, %d acks, %d failed calls%n",
                    writer.firstAckAtOrAfter(deadAt + 1).orElseThrow() - killedAt,
                    writer.longestGapMillis(),
                    writer.count(),
                    writer.failedCalls());
        }
    }
}
