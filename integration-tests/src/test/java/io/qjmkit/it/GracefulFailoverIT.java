package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.process.AckingWriter;
import io.qjmkit.testkit.process.DistProcesses;
import io.qjmkit.testkit.process.HaClusterOptions;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.junit.jupiter.api.Test;

/**
 * With automatic failover on, {@code -failover} asks the target's controller for a coordinated,
 * graceful failover (ZKFCProtocol {@code gracefulFailover}). Both our {@code bin/haadmin} and
 * Hadoop's own {@code hdfs haadmin} (stock DFSHAAdmin) drive our controllers that way.
 */
class GracefulFailoverIT extends WithHaProcessCluster {
    private void failoverWith(String tool, int from) throws Exception {
        int to = HaProcessCluster.other(from);
        String[] cmd = tool.equals("haadmin")
                ? new String[] {"haadmin", "-failover", HaProcessCluster.id(from), HaProcessCluster.id(to)}
                : new String[] {"hdfs", "haadmin", "-failover", HaProcessCluster.id(from), HaProcessCluster.id(to)};
        DistProcesses.CliResult r = cluster.cli(
                tool + "-failover-" + HaProcessCluster.id(to),
                "",
                cmd[0],
                java.util.Arrays.copyOfRange(cmd, 1, cmd.length));
        assertThat(r.exit()).as("%s exit code; stderr: %s", tool, r.stderr()).isZero();
        // DFSHAAdmin prints the target's InetSocketAddress: "[hostname]/127.0.0.1:port".
        assertThat(r.stdout())
                .matches("Failover to NameNode at [^/\\s]*/" + Pattern.quote(cluster.nnAddress(to)) + " successful\n");
        // gracefulFailover returns only once the target is active and the old one standby.
        assertThat(cluster.state(to)).contains(HAServiceState.ACTIVE);
        assertThat(cluster.state(from)).contains(HAServiceState.STANDBY);
    }

    @Test
    void ourHaadminAndHadoopsHaadminBothSwapRolesThroughTheControllers() throws Exception {
        cluster = HaProcessCluster.start("graceful", new HaClusterOptions());
        int first = cluster.active().orElseThrow();
        try (FileSystem fs = cluster.haFileSystem();
                AckingWriter writer = new AckingWriter(fs, "/graceful")) {
            writer.awaitMore(100, Duration.ofSeconds(60));

            failoverWith("haadmin", first);
            writer.awaitMore(100, Duration.ofSeconds(60));

            failoverWith("hdfs", HaProcessCluster.other(first));
            writer.awaitMore(100, Duration.ofSeconds(60));

            assertThat(writer.stop()).as("writer failure").isNull();
            assertThat(writer.missingIn(fs))
                    .as("acknowledged directories missing")
                    .isEmpty();
            System.out.printf("graceful: two failovers, longest client gap %d ms%n", writer.longestGapMillis());
        }
    }
}
