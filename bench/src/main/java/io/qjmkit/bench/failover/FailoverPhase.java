package io.qjmkit.bench.failover;

import io.qjmkit.bench.workload.Figure;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover part of a benchmark run: for each stint of the {@link FailoverPlan} (alternating
 * order in the full run, one stint per side with --quick) a fresh process cluster of that side (its own ZooKeeper, JournalNodes, NameNodes and controllers, separate from
 * the journal benchmark's), then the rounds of each of its scenario families.
 */
public final class FailoverPhase {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverPhase.class);

    /** ZooKeeper's tickTime for both sides: fine enough that session expiry is not rounded up much. */
    public static final int ZK_TICK_MS = 200;
    /** {@code ha.zookeeper.session-timeout.ms} of both sides' controllers. */
    public static final int ZK_SESSION_TIMEOUT_MS = 3000;

    /** Measures one round and records its figures (BenchRun tags them with load and steal). */
    @FunctionalInterface
    public interface Recorder {
        void record(String impl, int round, Callable<List<Figure>> work) throws Exception;
    }

    private final boolean quick;
    private final List<FailoverSide> sides;
    private final Path dist;
    private final Path workRoot;

    /** {@code sides} in the order the first family runs them; clusters live under {@code workRoot}. */
    public FailoverPhase(boolean quick, List<FailoverSide> sides, Path dist, Path workRoot) {
        this.quick = quick;
        this.sides = List.copyOf(sides);
        this.dist = dist;
        this.workRoot = workRoot;
    }

    /**
     * Runs every stint; {@code afterFamily} runs after each family of each side (e.g. to rewrite
     * reports). A round that fails (a NameNode that dies instead of taking over, a lost write, a
     * timeout) ends its stint: the error is logged, the cluster's logs are copied to {@code
     * keepLogs}, the rounds not run count as failed, and the next stint starts a fresh cluster.
     * Every side and family records its {@link FailoverScenario#FAILED_ROUNDS}.
     */
    public void run(Recorder recorder, Callable<Void> afterFamily, Path keepLogs) throws Exception {
        List<FailoverScenario> families = Arrays.asList(FailoverScenario.values());
        // The full run alternates the sides' order per family; --quick keeps one cluster per side
        // to stay under five minutes.
        List<FailoverPlan.Stint<FailoverSide, FailoverScenario>> plan =
                quick ? FailoverPlan.grouped(sides, families) : FailoverPlan.of(sides, families);
        for (FailoverPlan.Stint<FailoverSide, FailoverScenario> stint : plan) {
            FailoverSide side = stint.side();
            List<FailoverScenario> left = new ArrayList<>(stint.families());
            left.removeIf(f -> !side.runs(f, quick));
            if (left.isEmpty()) {
                continue;
            }
            long startedAt = System.nanoTime();
            try (HaProcessCluster cluster = HaProcessCluster.start(
                            side.impl(), side.options().dist(dist).workRoot(workRoot));
                    FileSystem client = cluster.haFileSystem()) {
                LOG.info(
                        "failover: {} cluster up in {} s ({})",
                        side.impl(),
                        seconds(System.nanoTime() - startedAt),
                        cluster.workDir());
                ProcessFailoverProbe probe = new ProcessFailoverProbe(cluster, client, side.impl());
                while (!left.isEmpty()) {
                    FailoverScenario scenario = left.get(0);
                    int rounds = scenario.rounds(quick);
                    for (int r = 1; r <= rounds; r++) {
                        int round = r;
                        LOG.info("failover: {} {} round {}/{}", side.impl(), scenario.scenario(), round, rounds);
                        try {
                            recorder.record(side.impl(), round, () -> probe.round(scenario, round));
                        } catch (Exception | AssertionError e) {
                            Path logs = keepLogs.resolve(side.impl() + "-" + scenario.name() + "-r" + round);
                            copyLogs(cluster.workDir(), logs);
                            LOG.error(
                                    "failover: {} {} round {} failed; the rest of this cluster's rounds count as"
                                            + " failed; its logs are in {}",
                                    side.impl(),
                                    scenario.scenario(),
                                    round,
                                    logs,
                                    e);
                            recordFailed(recorder, side, scenario, rounds - round + 1);
                            left.remove(0);
                            for (FailoverScenario skipped : left) {
                                recordFailed(recorder, side, skipped, skipped.rounds(quick));
                            }
                            left.clear();
                            break;
                        }
                    }
                    if (!left.isEmpty()) {
                        recordFailed(recorder, side, left.remove(0), 0);
                    }
                    afterFamily.call();
                }
            }
            LOG.info(
                    "failover: {} stint {} took {} s including cluster start and stop",
                    side.impl(),
                    stint.families(),
                    seconds(System.nanoTime() - startedAt));
        }
    }

    private static void recordFailed(Recorder recorder, FailoverSide side, FailoverScenario scenario, int failed)
            throws Exception {
        recorder.record(
                side.impl(),
                1,
                () -> List.of(new Figure(scenario.scenario(), FailoverScenario.FAILED_ROUNDS, "rounds", true, failed)));
    }

    private static void copyLogs(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(
                            f -> f.toString().endsWith(".log") || f.toString().endsWith(".err"))
                    .toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("could not keep the logs of {} in {}: {}", from, to, e.toString());
        }
    }

    /** What the failover rows measured, for the report's context. */
    public String describe() {
        StringBuilder rounds = new StringBuilder();
        for (FailoverScenario s : FailoverScenario.values()) {
            rounds.append(rounds.length() == 0 ? "" : ", ")
                    .append(s.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(' ')
                    .append(s.rounds(quick));
        }
        return String.format(
                Locale.ROOT,
                "Failover rows: per side a separate process cluster started from the distribution on 127.0.0.1"
                        + " (1 ZooKeeper, 3 JNs, 2 NameNodes, 2 controllers; qjm-kit: bin/journalnode, the plugin,"
                        + " bin/zkfc; Hadoop: bin/hdfs journalnode, QuorumJournalManager, bin/hdfs zkfc). Both sides:"
                        + " ZooKeeper tickTime %d ms (so server-side session expiry is not rounded up by a coarse"
                        + " tick), ha.zookeeper.session-timeout.ms=%d, health check every 500 ms, fencing"
                        + " shell(/bin/true). Client: one mkdirs after the other through the HA client"
                        + " (ConfiguredFailoverProxyProvider, failover sleep base 50 ms / max 500 ms, no connect"
                        + " retries%s). Each round is one value of the range; rounds per side: %s; %s. A round checks"
                        + " every acknowledged directory survived, and ends with one active and one standby again"
                        + " (killed processes restarted). Host loss = SIGKILL of the active NameNode and its"
                        + " controller together; \"to new active\" polls the other NameNode's HAServiceProtocol every"
                        + " 10 ms; its target is the session timeout + 500 ms.",
                ZK_TICK_MS,
                ZK_SESSION_TIMEOUT_MS,
                sides.stream()
                        .filter(s -> s.clientProvider() != null)
                        .map(s -> "; side " + s.impl() + " uses " + s.clientProvider() + " and runs only "
                                + Arrays.stream(FailoverScenario.values())
                                        .filter(f -> s.runs(f, quick))
                                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                                        .toList())
                        .findFirst()
                        .orElse(""),
                rounds,
                quick
                        ? "one cluster per side, qjm-kit's first (quick)"
                        : "the sides' order alternates per scenario family");
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
