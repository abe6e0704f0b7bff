package io.qjmkit.bench;

import io.qjmkit.bench.cluster.Distribution;
import io.qjmkit.bench.cluster.JvmFlags;
import io.qjmkit.bench.failover.FailoverPhase;
import io.qjmkit.bench.stats.HostLoad;
import io.qjmkit.bench.workload.JournalWriteWorkload;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.hdfs.server.namenode.BenchOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the benchmark ({@code bench/run.sh} builds what it needs and calls this). Exits 0
 * on success, 2 with a one-line reason on bad arguments, 1 when the run fails.
 */
public final class BenchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {}

    public static void main(String[] args) {
        BenchOptions options;
        Distribution dist;
        try {
            options = BenchOptions.parse(Arrays.asList(args));
            if (options == null) {
                System.out.println(BenchOptions.USAGE);
                return;
            }
            dist = Distribution.at(options.dist());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            BenchRun run = new BenchRun(options, dist, context(options));
            run.run();
            LOG.info(
                    "results in {} (table.md, chart.svg, raw.jsonl)",
                    options.out().toAbsolutePath());
            System.exit(0);
        } catch (Exception | AssertionError e) {
            LOG.error("benchmark failed; partial results in {}", options.out().toAbsolutePath(), e);
            System.exit(1);
        }
    }

    private static FailoverPhase failoverPhase(BenchOptions o) {
        return new FailoverPhase(o.quick(), BenchRun.failoverSides(o), o.dist(), o.workDir());
    }

    static String context(BenchOptions o) {
        HostLoad host = HostLoad.system();
        String head = String.format(
                Locale.ROOT,
                "Run %s UTC, %s mode, %d CPUs, 1-min load %.2f at start. Java %s.%n",
                BenchOptions.timestamp(),
                o.quick() ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(),
                host.loadAverage1(),
                System.getProperty("java.version"));
        String journal = o.journal()
                ? String.format(
                        Locale.ROOT,
                        "%n- Journal and NameNode scenarios: %d repetitions per implementation (alternating"
                                + " order).%n"
                                + "- 3 JournalNodes per side on 127.0.0.1, one JVM each, same flags: %s; storage on"
                                + " %s (same disk for both sides and for the disk floor).%n"
                                + "- NameNodes: MiniDFSCluster HA pair in the benchmark JVM, fsync switched back on"
                                + " after start, one local edits dir each, in-progress tailing (period 0, backoff"
                                + " max 1 ms), 32 handlers; only `dfs.namenode.edits.journal-plugin.qjournal`"
                                + " differs.%n"
                                + "- Journal ops: real mkdir ops of %d bytes each.",
                        o.reps(),
                        JvmFlags.summary(),
                        o.workDir().toAbsolutePath(),
                        new BenchOps(JournalWriteWorkload.OP_BYTES).framedSize())
                : String.format("%n- Journal and NameNode scenarios: not run (--failover-only).");
        String failover = o.failover()
                ? String.format("%n- %s", failoverPhase(o).describe())
                : String.format("%n- Failover scenarios: not run (--journal-only or --no-failover).");
        return head + journal + failover;
    }
}
