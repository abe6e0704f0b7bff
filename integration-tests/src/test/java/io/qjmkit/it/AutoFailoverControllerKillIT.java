package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.process.AckingWriter;
import io.qjmkit.testkit.process.HaClusterOptions;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.time.Duration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the active NameNode's controller: its ZooKeeper session expires (3 s here), the other
 * controller wins, fences the still-running old active gracefully (it steps down to standby) and
 * promotes its own NameNode.
 */
class AutoFailoverControllerKillIT extends WithHaProcessCluster {
    @Test
    void lossOfActivesControllerFailsOverAfterSessionTimeout() throws Exception {
        cluster = HaProcessCluster.start("auto-zkfc-kill", new HaClusterOptions().zkSessionTimeoutMs(3000));
        int active = cluster.active().orElseThrow();
        int standby = HaProcessCluster.other(active);
        try (FileSystem fs = cluster.haFileSystem();
                AckingWriter writer = new AckingWriter(fs, "/auto-zkfc-kill")) {
            writer.awaitMore(200, Duration.ofSeconds(60));

            long killedAt = System.currentTimeMillis();
            cluster.kill9Controller(active);

            Awaitility.await(HaProcessCluster.id(standby) + " active, old active standby")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.state(standby).orElse(null) == HAServiceState.ACTIVE
                            && cluster.state(active).orElse(null) == HAServiceState.STANDBY);
            long failedOverAt = System.currentTimeMillis();
            assertThat(cluster.nameNode(active).isAlive())
                    .as("the old active NameNode was fenced gracefully, not killed")
                    .isTrue();

            writer.awaitMore(200, Duration.ofSeconds(60));
            assertThat(writer.stop()).as("writer failure").isNull();
            assertThat(writer.missingIn(fs))
                    .as("acknowledged directories missing")
                    .isEmpty();
            System.out.printf(
                    "auto-zkfc-kill: controller kill -> roles swapped within %d ms, longest client gap %d ms%n",
                    failedOverAt - killedAt, writer.longestGapMillis());
        }
    }
}
