package io.qjmkit.bench;

import io.qjmkit.bench.cluster.Distribution;
import io.qjmkit.bench.cluster.HaNameNodes;
import io.qjmkit.bench.cluster.JournalKind;
import io.qjmkit.bench.cluster.JournalNodeProcesses;
import io.qjmkit.bench.cluster.JvmFlags;
import io.qjmkit.bench.failover.FailoverPhase;
import io.qjmkit.bench.failover.FailoverSide;
import io.qjmkit.bench.report.Measurement;
import io.qjmkit.bench.report.Measurement.FigureKey;
import io.qjmkit.bench.report.RawLog;
import io.qjmkit.bench.report.RunReport;
import io.qjmkit.bench.stats.GcPauses;
import io.qjmkit.bench.stats.HostLoad;
import io.qjmkit.bench.stats.SchedTimeline;
import io.qjmkit.bench.stats.SchedTrace;
import io.qjmkit.bench.workload.CpuMeter;
import io.qjmkit.bench.workload.DiskFloorWorkload;
import io.qjmkit.bench.workload.Figure;
import io.qjmkit.bench.workload.GroupCommitWorkload;
import io.qjmkit.bench.workload.JournalNodeShare;
import io.qjmkit.bench.workload.JournalWriteWorkload;
import io.qjmkit.bench.workload.LagSchedProfile;
import io.qjmkit.bench.workload.MajorityFloorWorkload;
import io.qjmkit.bench.workload.MemorySampler;
import io.qjmkit.bench.workload.MkdirsWorkload;
import io.qjmkit.bench.workload.StandbyLagWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.server.namenode.JournalManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run: for each repetition, the disk floor, then both journal kinds one after the
 * other (qjm-kit first in odd repetitions, Hadoop first in even ones, so drift and warm caches hit
 * both alike). Each side gets three fresh JournalNode processes and a fresh HA NameNode pair on the
 * same scratch disk, which is deleted afterwards. Then the failover scenarios ({@link FailoverPhase})
 * on process clusters of their own. Reports are rewritten after every repetition and every failover
 * scenario of a side.
 */
final class BenchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);

    private final BenchOptions options;
    private final Distribution dist;
    private final HostLoad host = HostLoad.system();
    private final IssueTargets targets = new IssueTargets();
    // For the whole run: the lag phases' GC rows need every announcement to place collections in time.
    private final GcPauses gcPauses = GcPauses.listen();
    private final String context;
    private RawLog raw;

    static final String GROUP_COMMIT_CPU_SCENARIO = "CPU, 8-thread group commit";

    BenchRun(BenchOptions options, Distribution dist, String context) {
        this.options = options;
        this.dist = dist;
        this.context = context;
    }

    /** The failover sides of this run: qjm-kit, Hadoop, and the ZooKeeper-following client if asked for. */
    static List<FailoverSide> failoverSides(BenchOptions options) {
        List<FailoverSide> sides = new ArrayList<>(List.of(FailoverSide.QJM_KIT, FailoverSide.HADOOP));
        if (options.zkClientProvider() != null) {
            sides.add(FailoverSide.zkClient(options.zkClientProvider()));
        }
        return sides;
    }

    /** A workload run that yields figures. */
    private interface Measured {
        List<Figure> run() throws Exception;
    }

    void run() throws Exception {
        Files.createDirectories(options.out());
        Path workRoot = Files.createTempDirectory(Files.createDirectories(options.workDir()), "qjm-bench-");
        try (RawLog log = new RawLog(options.out().resolve("raw.jsonl"))) {
            raw = log;
            for (int rep = 1; options.journal() && rep <= options.reps(); rep++) {
                int r = rep;
                measure(Measurement.DISK, rep, () -> new DiskFloorWorkload(options.durations())
                        .run(workRoot.resolve("disk"), JournalWriteWorkload.OP_BYTES));
                measure(Measurement.DISK, rep, () -> new MajorityFloorWorkload(options.durations())
                        .run(workRoot.resolve("disk"), JournalWriteWorkload.OP_BYTES));
                List<JournalKind> order = rep % 2 == 1
                        ? List.of(JournalKind.QJM_KIT, JournalKind.HADOOP)
                        : List.of(JournalKind.HADOOP, JournalKind.QJM_KIT);
                for (JournalKind kind : order) {
                    LOG.info("repetition {}/{}: {}", r, options.reps(), kind.label());
                    runSide(kind, rep, workRoot.resolve("rep" + rep + "-" + kind.label()));
                }
                writeReports();
            }
            if (options.failover()) {
                runFailover(workRoot.resolve("failover"));
            }
        } finally {
            gcPauses.close();
            if (options.keepWork()) {
                LOG.info("kept the scratch directory (storage and daemon logs): {}", workRoot.toAbsolutePath());
            } else {
                deleteTree(workRoot);
            }
        }
    }

    private void runFailover(Path root) throws Exception {
        long started = System.nanoTime();
        new FailoverPhase(options.quick(), failoverSides(options), dist.root(), root)
                .run(
                        (impl, round, work) -> measure(impl, round, work::call),
                        () -> {
                            writeReports();
                            return null;
                        },
                        options.out().resolve("failover-logs"));
        writeReports();
        LOG.info("failover scenarios took {} s", (System.nanoTime() - started) / 1_000_000_000L);
    }

    void writeReports() throws IOException {
        RunReport.write(options.out(), context, targets, new FigureKey(JournalWriteWorkload.scenario(1), "flush p50"));
    }

    private void runSide(JournalKind kind, int rep, Path work) throws Exception {
        var d = options.durations();
        Path jfr = options.jfr() ? options.out().resolve("jfr").resolve("rep" + rep) : null;
        try (JournalNodeProcesses jns =
                JournalNodeProcesses.start(kind, dist, work.resolve("jn"), JvmFlags.journalNode(), jfr)) {
            try (JournalManager journal = kind.newJournalManager(
                    new HdfsConfiguration(), jns.quorumUri("bench-journal"), JournalWriteWorkload.NAMESPACE)) {
                JournalNodeShare share = kind == JournalKind.QJM_KIT ? new JournalNodeShare(jns.metricsUris()) : null;
                measure(kind.label(), rep, () -> new JournalWriteWorkload(d).run(journal, share, 1, 10, 100));
            }
            if (!options.namenodes()) {
                return;
            }
            try (HaNameNodes nns =
                    HaNameNodes.start(kind, jns.quorumUri(HaNameNodes.NAMESERVICE), work.resolve("dfs"))) {
                measure(kind.label(), rep, () -> groupCommit(nns, jns, kind, rep));
                MkdirsWorkload mkdirs = new MkdirsWorkload(d);
                for (int threads : new int[] {1, 8}) {
                    measure(kind.label(), rep, () -> mkdirs.run(() -> client(nns), threads, "c" + threads));
                }
                measure(kind.label(), rep, () -> {
                    try (MemorySampler rss = new MemorySampler(host, jns.pids())) {
                        CpuMeter cpu = new CpuMeter(host, jns.pids());
                        List<Figure> f = new ArrayList<>(mkdirs.run(() -> client(nns), 32, "c32"));
                        f.addAll(cpu.figures(IssueTargets.CPU_SCENARIO, f.get(0).value()));
                        LOG.info(
                                "{} rep {}: NameNode JVM CPU by thread during 32-thread mkdirs: {}",
                                kind.label(),
                                rep,
                                cpu.topThreads(10));
                        f.add(new Figure(
                                IssueTargets.RSS_SCENARIO, IssueTargets.RSS_METRIC, "MiB", true, rss.maxMib()));
                        f.add(new Figure(
                                IssueTargets.RSS_SCENARIO, "mean of per-JN max RSS", "MiB", true, rss.meanOfMaxMib()));
                        return f;
                    }
                });
                StandbyLagWorkload lag = new StandbyLagWorkload(d, gcPauses);
                for (int writers : new int[] {0, 8}) {
                    measure(kind.label(), rep, () -> standbyLag(lag, nns, jns, writers, work, kind, rep));
                }
            }
        } finally {
            if (!options.keepWork()) {
                deleteTree(work);
            }
        }
    }

    /**
     * The group-commit phase, with the CPU its parts used; with --profile the active NameNode's
     * edit-log sync thread is also sampled and a sync's time broken down.
     */
    private List<Figure> groupCommit(HaNameNodes nns, JournalNodeProcesses jns, JournalKind kind, int rep)
            throws Exception {
        Path profile = options.profile()
                ? options.out().resolve("profile").resolve(kind.label() + "-rep" + rep + "-group-commit.collapsed")
                : null;
        CpuMeter cpu = new CpuMeter(host, jns.pids());
        List<Figure> f = new ArrayList<>(new GroupCommitWorkload(options.durations()).run(nns.active(), 8, profile));
        f.addAll(cpu.figures(GROUP_COMMIT_CPU_SCENARIO, GroupCommitWorkload.throughput(f)));
        LOG.info(
                "{} rep {}: NameNode JVM CPU by thread during group commit: {}", kind.label(), rep, cpu.topThreads(10));
        return f;
    }

    /** One standby-lag phase; with --sched-trace the scheduler is recorded and the worst sample profiled. */
    private List<Figure> standbyLag(
            StandbyLagWorkload lag,
            HaNameNodes nns,
            JournalNodeProcesses jns,
            int writers,
            Path work,
            JournalKind kind,
            int rep)
            throws Exception {
        if (!options.schedTrace()) {
            return lag.run(nns.active(), nns.standby(), writers);
        }
        String name = kind.label() + "-rep" + rep + "-" + writers + "writers";
        List<Figure> figures;
        SchedTimeline timeline;
        try (SchedTrace trace = SchedTrace.start(work.resolve("sched").resolve(name + ".perf.data"))) {
            figures = new ArrayList<>(lag.run(nns.active(), nns.standby(), writers));
            timeline = trace.stop();
        }
        StandbyLagWorkload.WorstSample w = lag.worstSample();
        LagSchedProfile profile = new LagSchedProfile(
                StandbyLagWorkload.scenario(writers > 0),
                timeline,
                w.ackedNanos(),
                w.ackedNanos() + w.lagNanos(),
                Map.of(
                        "JournalNodes", Set.copyOf(jns.pids()),
                        "NameNodes' JVM", Set.of(ProcessHandle.current().pid())));
        Path report = options.out().resolve("sched").resolve(name + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, profile.text());
        LOG.info("{}", profile.text());
        figures.addAll(profile.figures());
        return figures;
    }

    private static FileSystem client(HaNameNodes nns) {
        try {
            return nns.newClient();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void measure(String impl, int rep, Measured work) throws Exception {
        HostLoad.CpuTimes before = host.cpuTimes();
        List<Figure> figures = work.run();
        double steal = host.cpuTimes().stealPercentSince(before);
        double load = host.loadAverage1();
        String now = Instant.now().toString();
        for (Figure f : figures) {
            raw.append(new Measurement(
                    impl,
                    rep,
                    f.scenario(),
                    f.metric(),
                    f.unit(),
                    f.lowerIsBetter() ? "lower" : "higher",
                    f.value(),
                    load,
                    steal,
                    now));
            LOG.info(
                    "{} rep {} | {} | {} = {} {} (load1 {}, steal {}%)",
                    impl,
                    rep,
                    f.scenario(),
                    f.metric(),
                    String.format("%.3f", f.value()),
                    f.unit(),
                    load,
                    String.format("%.1f", steal));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
