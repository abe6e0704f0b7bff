package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.process.AckingWriter;
import io.qjmkit.testkit.process.HaClusterOptions;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A ZooKeeper outage must not become an HDFS outage: the ZooKeeper server is killed and restarted
 * on the same data. Within the session, the controllers reconnect, nothing fails over, nothing is
 * demoted, and the client never stops being served. Past the session, the controllers take new
 * sessions while the restarted server still holds their old ones, and must end up in the election
 * again with the new ones.
 */
class ZooKeeperRestartIT extends WithHaProcessCluster {
    private static final int SESSION_TIMEOUT_MS = 8000;
    private static final int SHORT_SESSION_TIMEOUT_MS = 3000;
    /** What a controller logs when Curator gives its session up. */
    private static final String SESSION_LOST = "ZooKeeper connection LOST";

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

    @Test
    void outageLongerThanTheSessionEndsWithBothControllersInTheElectionOnNewSessions() throws Exception {
        cluster = HaProcessCluster.start(
                "zk-outage", new HaClusterOptions().zkSessionTimeoutMs(SHORT_SESSION_TIMEOUT_MS));
        List<Long> oldSessions = cluster.electionSessions();
        assertThat(oldSessions).hasSize(2);
        try (FileSystem fs = cluster.haFileSystem();
                AckingWriter writer = new AckingWriter(fs, "/zk-outage")) {
            writer.awaitMore(100, Duration.ofSeconds(60));

            cluster.killZooKeeper();
            Awaitility.await("both controllers gave their ZooKeeper sessions up")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> cluster.controllerLog(0).contains(SESSION_LOST)
                            && cluster.controllerLog(1).contains(SESSION_LOST));
            // The restarted server restores the old sessions and their latch nodes, and expires
            // them only a session timeout later.
            cluster.startZooKeeperAgain();

            Awaitility.await("both controllers in the election on new sessions")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(cluster.electionSessions())
                            .hasSize(2)
                            .doesNotContainAnyElementsOf(oldSessions)
                            .doesNotHaveDuplicates());
            cluster.awaitStableElection(Duration.ofSeconds(60));

            writer.awaitMore(100, Duration.ofSeconds(60));
            assertThat(writer.stop()).as("writer failure").isNull();
            assertThat(writer.missingIn(fs))
                    .as("acknowledged directories missing")
                    .isEmpty();
        }
    }
}
