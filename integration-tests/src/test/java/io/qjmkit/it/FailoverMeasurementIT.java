package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a timed assertion: ten SIGKILL failovers in a row (the killed NameNode is
 * restarted and rejoins as standby before the next round), printing the median and maximum of
 * "kill to first successful client write" and of the client's longest gap between acks, once with
 * qjm-kit and once with Hadoop's own JournalNodes, QuorumJournalManager and ZKFC (same NameNodes,
 * ZooKeeper, health-check keys and client settings). Runs only when asked for, because it takes
 * minutes:
 *
 * <pre>
 * mvn -o -B verify -pl integration-tests -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=FailoverMeasurementIT -Dqjmkit.measure.failover=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "qjmkit.measure.failover", matches = "true")
class FailoverMeasurementIT {
    private static final int ROUNDS = Integer.getInteger("qjmkit.measure.rounds", 10);

    private HaProcessCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void measureSigkillFailovers() throws Exception {
        measure("qjm-kit", new HaProcessCluster.Options());
    }

    /** The same rounds with Hadoop's own JournalNodes, QuorumJournalManager and ZKFC. */
    @Test
    void measureSigkillFailoversWithStockHadoop() throws Exception {
        measure("Hadoop", new HaProcessCluster.Options().stockHadoop());
    }

    private void measure(String kind, HaProcessCluster.Options options) throws Exception {
        cluster = HaProcessCluster.start("measure-" + kind, options);
        List<Long> killToWrite = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        try (FileSystem fs = cluster.haFileSystem()) {
            for (int round = 1; round <= ROUNDS; round++) {
                cluster.awaitStableElection(Duration.ofSeconds(120));
                int active = cluster.active().orElseThrow();
                int standby = HaProcessCluster.other(active);
                try (AckingWriter writer = new AckingWriter(fs, "/measure/r" + round)) {
                    writer.awaitMore(200, Duration.ofSeconds(60));
                    long killedAt = System.currentTimeMillis();
                    cluster.kill9NameNode(active);
                    // Acks stamped before the process was gone may still come from it.
                    long deadAt = System.currentTimeMillis();
                    writer.awaitMore(200, Duration.ofSeconds(120));
                    assertThat(writer.stop()).as("writer failure").isNull();
                    assertThat(writer.missingIn(fs))
                            .as("acknowledged directories missing")
                            .isEmpty();
                    long toWrite = writer.firstAckAtOrAfter(deadAt + 1).orElseThrow() - killedAt;
                    killToWrite.add(toWrite);
                    gaps.add(writer.longestGapMillis());
                    System.out.printf(
                            "measure %s round %d: killed %s, kill -> first write %d ms, longest client gap %d ms%n",
                            kind, round, HaProcessCluster.id(active), toWrite, writer.longestGapMillis());
                }
                assertThat(cluster.state(standby)).contains(HAServiceState.ACTIVE);
                cluster.restartNameNode(active);
                Awaitility.await("restarted " + HaProcessCluster.id(active) + " standby")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> cluster.state(active).orElse(null) == HAServiceState.STANDBY);
            }
        }
        System.out.printf(
                "FAILOVER MEASUREMENT %s (%d SIGKILL failovers): kill -> first successful write median %d ms,"
                        + " max %d ms; client's longest gap median %d ms, max %d ms%n",
                kind, ROUNDS, median(killToWrite), Collections.max(killToWrite), median(gaps), Collections.max(gaps));
    }

    @Test
    void measureGracefulFailovers() throws Exception {
        measureGraceful("qjm-kit", new HaProcessCluster.Options());
    }

    @Test
    void measureGracefulFailoversWithStockHadoop() throws Exception {
        measureGraceful("Hadoop", new HaProcessCluster.Options().stockHadoop());
    }

    /**
     * {@code hdfs haadmin -failover active standby} (Hadoop's DFSHAAdmin for both kinds, which asks
     * the standby's controller for a graceful failover) while a client writes.
     */
    private void measureGraceful(String kind, HaProcessCluster.Options options) throws Exception {
        cluster = HaProcessCluster.start("graceful-" + kind, options);
        List<Long> gaps = new ArrayList<>();
        try (FileSystem fs = cluster.haFileSystem()) {
            for (int round = 1; round <= ROUNDS; round++) {
                cluster.awaitStableElection(Duration.ofSeconds(120));
                int active = cluster.active().orElseThrow();
                int standby = HaProcessCluster.other(active);
                try (AckingWriter writer = new AckingWriter(fs, "/graceful/r" + round)) {
                    writer.awaitMore(200, Duration.ofSeconds(60));
                    DistProcesses.CliResult r = cluster.cli(
                            "graceful-" + kind + "-" + round,
                            "",
                            "hdfs",
                            "haadmin",
                            "-failover",
                            HaProcessCluster.id(active),
                            HaProcessCluster.id(standby));
                    assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
                    writer.awaitMore(200, Duration.ofSeconds(60));
                    assertThat(writer.stop()).as("writer failure").isNull();
                    assertThat(writer.missingIn(fs)).isEmpty();
                    gaps.add(writer.longestGapMillis());
                    System.out.printf(
                            "graceful %s round %d: %s -> %s, client's longest gap %d ms%n",
                            kind,
                            round,
                            HaProcessCluster.id(active),
                            HaProcessCluster.id(standby),
                            writer.longestGapMillis());
                }
                assertThat(cluster.state(standby)).contains(HAServiceState.ACTIVE);
            }
        }
        System.out.printf(
                "GRACEFUL FAILOVER MEASUREMENT %s (%d rounds of hdfs haadmin -failover): client's longest gap median"
                        + " %d ms, max %d ms%n",
                kind, ROUNDS, median(gaps), Collections.max(gaps));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
