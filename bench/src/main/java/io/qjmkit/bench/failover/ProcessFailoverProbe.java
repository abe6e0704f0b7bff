package io.qjmkit.bench.failover;

import io.qjmkit.bench.workload.Figure;
import io.qjmkit.testkit.process.AckingWriter;
import io.qjmkit.testkit.process.DistProcesses;
import io.qjmkit.testkit.process.HaProcessCluster;
import io.qjmkit.testkit.process.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.apache.hadoop.ipc.RPC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of a failover scenario on a running {@link HaProcessCluster}: a client writes
 * continuously (one mkdirs after the other, through the cluster's HA client), the active NameNode
 * is disrupted, and the round measures from the disruption to the first acknowledged write after
 * it, the client's longest gap between acknowledgements and, for a lost host, the time until the
 * other NameNode reports ACTIVE. It then checks that every acknowledged directory is there, brings
 * the disrupted processes back and waits for one active and one standby NameNode.
 */
public final class ProcessFailoverProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessFailoverProbe.class);

    /** Acknowledged writes before the disruption (the client is connected and warm) and after it. */
    private static final int ACKS_BEFORE = 100;

    private static final int ACKS_AFTER = 100;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STATE_POLL = Duration.ofMillis(10);

    private final HaProcessCluster cluster;
    private final FileSystem client;
    private final String impl;

    /** Rounds on {@code cluster}, writing through {@code client} (from {@link HaProcessCluster#haFileSystem()}). */
    public ProcessFailoverProbe(HaProcessCluster cluster, FileSystem client, String impl) {
        this.cluster = cluster;
        this.client = client;
        this.impl = impl;
    }

    /** Runs round {@code round} of {@code scenario}; the cluster is stable again when it returns. */
    public List<Figure> round(FailoverScenario scenario, int round) throws Exception {
        long roundStart = System.nanoTime();
        int active = cluster.active()
                .orElseThrow(() -> new IllegalStateException("no active NameNode before " + scenario + " round " + round
                        + "; logs in " + cluster.workDir()));
        int standby = HaProcessCluster.other(active);
        String name = scenario.scenario();
        List<Figure> figures = new ArrayList<>();
        String dir = "/" + scenario.name().toLowerCase(Locale.ROOT) + "/r" + round;
        try (AckingWriter writer = new AckingWriter(client, dir)) {
            writer.awaitMore(ACKS_BEFORE, ACK_TIMEOUT);
            switch (scenario) {
                case SIGKILL -> {
                    long killedAt = System.nanoTime();
                    cluster.kill9NameNode(active);
                    long deadAt = System.nanoTime();
                    writer.awaitMore(ACKS_AFTER, ACK_TIMEOUT);
                    figures.add(Figure.latencyMs(
                            name, FailoverScenario.KILL_TO_FIRST_WRITE, firstWriteMs(writer, killedAt, deadAt)));
                }
                case GRACEFUL -> {
                    String cli = impl + "-graceful-" + round;
                    DistProcesses.CliResult r = cluster.cli(
                            cli,
                            "",
                            "hdfs",
                            "haadmin",
                            "-failover",
                            HaProcessCluster.id(active),
                            HaProcessCluster.id(standby));
                    if (r.exit() != 0) {
                        throw new IllegalStateException("hdfs haadmin -failover " + HaProcessCluster.id(active) + " "
                                + HaProcessCluster.id(standby) + " exited " + r.exit() + ": " + r.stderr()
                                + " (output in " + cluster.workDir().resolve(cli + ".err") + ")");
                    }
                    writer.awaitMore(ACKS_AFTER, ACK_TIMEOUT);
                }
                case HOST_LOSS -> {
                    HAServiceProtocol other = cluster.haServiceProxy(standby, 1000);
                    try {
                        other.getServiceStatus(); // connected before the clock starts
                        long killedAt = System.nanoTime();
                        cluster.kill9Host(active);
                        long deadAt = System.nanoTime();
                        long activeAt = awaitActive(other, standby, killedAt);
                        figures.add(Figure.latencyMs(name, FailoverScenario.TO_NEW_ACTIVE, ms(activeAt - killedAt)));
                        writer.awaitMore(ACKS_AFTER, ACK_TIMEOUT);
                        figures.add(Figure.latencyMs(
                                name, FailoverScenario.KILL_TO_FIRST_WRITE, firstWriteMs(writer, killedAt, deadAt)));
                    } finally {
                        RPC.stopProxy(other);
                    }
                }
            }
            Throwable failure = writer.stop();
            if (failure != null) {
                throw new IllegalStateException(impl + " " + name + " round " + round + ": the writer failed", failure);
            }
            figures.add(Figure.latencyMs(name, FailoverScenario.LONGEST_GAP, ms(writer.longestGapNanos())));
            List<String> missing = writer.missingIn(client);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(impl + " " + name + " round " + round + ": " + missing.size()
                        + " acknowledged directories are missing (e.g. " + missing.get(0) + "); logs in "
                        + cluster.workDir());
            }
        }
        recover(scenario, active);
        figures.add(new Figure(name, FailoverScenario.ROUND_TIME, "s", true, (System.nanoTime() - roundStart) / 1e9));
        return figures;
    }

    private void recover(FailoverScenario scenario, int disrupted) throws IOException {
        switch (scenario) {
            case SIGKILL -> cluster.restartNameNode(disrupted);
            case HOST_LOSS -> {
                cluster.restartNameNode(disrupted);
                cluster.restartController(disrupted);
            }
            case GRACEFUL -> {
                // Both NameNodes and controllers kept running.
            }
        }
        cluster.awaitStableElection(RECOVERY_TIMEOUT);
    }

    /** Polls {@code proxy} every 10 ms until NameNode {@code i} reports ACTIVE; returns that nanoTime. */
    private long awaitActive(HAServiceProtocol proxy, int i, long since) {
        long[] activeAt = {0};
        Duration left = RECOVERY_TIMEOUT.minusNanos(System.nanoTime() - since);
        Poll.until(
                HaProcessCluster.id(i) + " active after its peer's host was lost (controller logs in "
                        + cluster.workDir() + ")",
                left,
                STATE_POLL,
                () -> {
                    if (!cluster.nameNode(i).isAlive()) {
                        throw new IllegalStateException(HaProcessCluster.id(i) + " exited (code "
                                + cluster.nameNode(i).exitValue() + ") instead of becoming active after its peer's"
                                + " host was lost; see " + HaProcessCluster.id(i) + ".log in " + cluster.workDir());
                    }
                    try {
                        if (proxy.getServiceStatus().getState() == HAServiceState.ACTIVE) {
                            activeAt[0] = System.nanoTime();
                            return true;
                        }
                    } catch (IOException e) {
                        LOG.debug("{} did not answer its HA state: {}", HaProcessCluster.id(i), e.toString());
                    }
                    return false;
                });
        return activeAt[0];
    }

    /** From {@code killedAt} to the first ack stamped after the killed process was gone ({@code deadAt}). */
    private static double firstWriteMs(AckingWriter writer, long killedAt, long deadAt) {
        long first = writer.firstAckAtOrAfterNanos(deadAt)
                .orElseThrow(() -> new IllegalStateException("no acknowledged write after the kill"));
        return ms(first - killedAt);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
