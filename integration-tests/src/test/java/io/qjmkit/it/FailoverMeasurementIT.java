package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
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
class FailoverMeasurementIT extends WithHaProcessCluster {
    private static final int ROUNDS = Integer.getInteger("qjmkit.measure.rounds", 10);

    @Test
    void measureSigkillFailovers() throws Exception {
        measure("qjm-kit", new HaProcessCluster.Options(), new Sigkill());
    }

    /** The same rounds with Hadoop's own JournalNodes, QuorumJournalManager and ZKFC. */
    @Test
    void measureSigkillFailoversWithStockHadoop() throws Exception {
        measure("Hadoop", new HaProcessCluster.Options().stockHadoop(), new Sigkill());
    }

    @Test
    void measureGracefulFailovers() throws Exception {
        measure("qjm-kit", new HaProcessCluster.Options(), new Graceful());
    }

    @Test
    void measureGracefulFailoversWithStockHadoop() throws Exception {
        measure("Hadoop", new HaProcessCluster.Options().stockHadoop(), new Graceful());
    }

    /** What a round does to the active NameNode while the writer runs. */
    private interface Disruption {
        String name();

        /** Disrupts; returns the time after which an ack counts as "after the failover". */
        long disrupt(HaProcessCluster cluster, int active, int standby, String round) throws Exception;

        /** Brings the cluster back to one active and one standby. */
        void recover(HaProcessCluster cluster, int active) throws Exception;
    }

    /** SIGKILL of the active NameNode; it is restarted and rejoins as standby. */
    private static final class Sigkill implements Disruption {
        public String name() {
            return "SIGKILL";
        }

        public long disrupt(HaProcessCluster cluster, int active, int standby, String round) throws Exception {
            cluster.kill9NameNode(active);
            // Acks stamped before the process was gone may still come from it.
            return System.currentTimeMillis();
        }

        public void recover(HaProcessCluster cluster, int active) throws Exception {
            cluster.restartNameNode(active);
            cluster.awaitState(active, HAServiceState.STANDBY, Duration.ofSeconds(120), "restarted");
        }
    }

    /**
     * {@code hdfs haadmin -failover active standby}: Hadoop's DFSHAAdmin for both kinds, which
     * asks the standby's controller for a graceful failover.
     */
    private static final class Graceful implements Disruption {
        public String name() {
            return "graceful";
        }

        public long disrupt(HaProcessCluster cluster, int active, int standby, String round) throws Exception {
            DistProcesses.CliResult r = cluster.cli(
                    round,
                    "",
                    "hdfs",
                    "haadmin",
                    "-failover",
                    HaProcessCluster.id(active),
                    HaProcessCluster.id(standby));
            assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
            return System.currentTimeMillis();
        }

        public void recover(HaProcessCluster cluster, int active) {}
    }

    private void measure(String kind, HaProcessCluster.Options options, Disruption d) throws Exception {
        cluster = HaProcessCluster.start(d.name() + "-" + kind, options);
        List<Long> toWrite = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        try (FileSystem fs = cluster.haFileSystem()) {
            for (int round = 1; round <= ROUNDS; round++) {
                cluster.awaitStableElection(Duration.ofSeconds(120));
                int active = cluster.active().orElseThrow();
                int standby = HaProcessCluster.other(active);
                try (AckingWriter writer = new AckingWriter(fs, "/" + d.name() + "/r" + round)) {
                    writer.awaitMore(200, Duration.ofSeconds(60));
                    long startedAt = System.currentTimeMillis();
                    long doneAt = d.disrupt(cluster, active, standby, d.name() + "-" + kind + "-" + round);
                    writer.awaitMore(200, Duration.ofSeconds(120));
                    assertThat(writer.stop()).as("writer failure").isNull();
                    assertThat(writer.missingIn(fs))
                            .as("acknowledged directories missing")
                            .isEmpty();
                    long first = writer.firstAckAtOrAfter(doneAt + 1).orElseThrow() - startedAt;
                    toWrite.add(first);
                    gaps.add(writer.longestGapMillis());
                    System.out.printf(
                            "%s %s round %d: %s -> %s, to first write after it %d ms, longest client gap %d ms%n",
                            d.name(),
                            kind,
                            round,
                            HaProcessCluster.id(active),
                            HaProcessCluster.id(standby),
                            first,
                            writer.longestGapMillis());
                }
                assertThat(cluster.state(standby)).contains(HAServiceState.ACTIVE);
                d.recover(cluster, active);
            }
        }
        System.out.printf(
                "FAILOVER MEASUREMENT %s %s (%d rounds): to first successful write median %d ms, max %d ms;"
                        + " client's longest gap median %d ms, max %d ms%n",
                d.name(), kind, ROUNDS, median(toWrite), Collections.max(toWrite), median(gaps), Collections.max(gaps));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
