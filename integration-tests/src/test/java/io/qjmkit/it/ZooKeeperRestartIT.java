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
 * A ZooKeeper outage must not become an HDFS outage: the ZooKeeper server is killed and restarted
 * on the same data; the controllers reconnect within their session, nothing fails over, nothing is
 * demoted, and the client never stops being served.
 */
class ZooKeeperRestartIT extends WithHaProcessCluster {
    private static final int SESSION_TIMEOUT_MS = 8000;

    @Test
    void zooKeeperRestartCausesNoFailoverAndNoDemotion() throws Exception {
        cluster = HaProcessCluster.start("zk-restart", new HaClusterOptions().zkSessionTimeoutMs(SESSION_TIMEOUT_MS));
        int active = cluster.active().orElseThrow();
        int standby = HaProcessCluster.other(active);
        try (FileSystem fs = cluster.haFileSystem();
                AckingWriter writer = new AckingWriter(fs, "/zk-restart")) {
            writer.awaitMore(100, Duration.ofSeconds(60));

            cluster.restartZooKeeper();

            // Watch for two session timeouts after the restart: the roles must not change at all.
            // A query that times out proves nothing either way; a changed answer fails at once.
            Throughout.holds(
                    "roles unchanged through the ZooKeeper restart",
                    Duration.ofMillis(2L * SESSION_TIMEOUT_MS),
                    () -> cluster.nameNode(active).isAlive()
                            && cluster.state(active)
                                    .map(s -> s == HAServiceState.ACTIVE)
                                    .orElse(true)
                            && cluster.state(standby)
                                    .map(s -> s == HAServiceState.STANDBY)
                                    .orElse(true));
            assertThat(cluster.state(active)).contains(HAServiceState.ACTIVE);
            assertThat(cluster.state(standby)).contains(HAServiceState.STANDBY);
            Awaitility.await("both controllers back in the election")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.electionParticipants() == 2);

            writer.awaitMore(100, Duration.ofSeconds(60));
            assertThat(writer.stop()).as("writer failure").isNull();
            assertThat(writer.missingIn(fs))
                    .as("acknowledged directories missing")
                    .isEmpty();
        }
    }
}
