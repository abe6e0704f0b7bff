package io.qjmkit.bench;

import io.qjmkit.bench.workload.Durations;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The parsed command line. {@code parse} returns null when only {@code --help} was asked for and
 * throws {@link IllegalArgumentException} with a one-line reason on a bad argument.
 *
 * @param journal run the journal repetitions (disk floor, journal writes, and with {@code namenodes}
 *     the NameNode scenarios)
 * @param failover run the failover scenarios after the repetitions
 * @param zkClientProvider the ZooKeeper-following client's failover proxy provider class for the
 *     extra failover side "qjm-kit+zk-client", or null for no such side
 * @param keepWork leave the scratch directory (storage and every daemon's log) in place afterwards
 * @param schedTrace record the scheduler during the standby-lag phases and profile their worst samples
 * @param profile profile the active NameNode's edit-log sync thread during group commit and break a
 *     sync's time down
 */
record BenchOptions(
        boolean quick,
        int reps,
        Path out,
        Path dist,
        Path workDir,
        boolean jfr,
        boolean namenodes,
        boolean journal,
        boolean failover,
        String zkClientProvider,
        boolean keepWork,
        boolean schedTrace,
        boolean profile) {

    /** Used for the extra failover side when it is on the classpath and no --zk-client-provider is given. */
    static final String ZK_CLIENT_PROVIDER = "io.qjmkit.haclient.ZooKeeperFailoverProxyProvider";

    static final String USAGE = String.join(
            "\n",
            "Usage: BenchMain [--quick] [--reps N] [--out DIR] [--dist DIR] [--work-dir DIR] [--keep-work] [--jfr]",
            "                 [--sched-trace] [--profile]",
            "                 [--journal-only | --failover-only | --no-failover] [--zk-client-provider CLASS]"
                    + " [--help]",
            "Runs the same workloads through qjm-kit and Hadoop 3.5.0's QuorumJournalManager + JournalNode,",
            "alternating them per repetition, then the failover scenarios (SIGKILL of the active NameNode,",
            "graceful haadmin -failover, host loss) against qjm-kit's and Hadoop's JN + QJM + ZKFC process",
            "clusters, and writes raw.jsonl, table.md and chart.svg.",
            "  --quick         short phases, 2 repetitions, fewer failover rounds (under 5 minutes on 2 cores)",
            "  --reps N        repetitions of each implementation (default 2 quick, 5 full)",
            "  --out DIR       results directory (default bench/results/<UTC timestamp>)",
            "  --dist DIR      built distribution (default: system property qjmkit.dist.dir)",
            "  --work-dir DIR  scratch disk for JournalNode and NameNode storage (default java.io.tmpdir;",
            "                  created when missing)",
            "  --keep-work     keep the scratch directory afterwards: every daemon's log, e.g. to read the",
            "                  timeline of a failover round",
            "  --jfr           record a JFR profile of every JournalNode into <out>/jfr/",
            "  --sched-trace   record every CPU's scheduling (perf sched, needs linux-perf and root) during the",
            "                  standby-lag phases; report which threads waited for a CPU, and what ran, during",
            "                  each phase's worst sample (<out>/sched/, and rows of the table)",
            "  --profile       during group commit, sample the active NameNode's edit-log sync thread (the",
            "                  critical path; async-profiler, wall clock) and report a sync's time split into",
            "                  the shared journal's flush, the local edits file's and the rest (<out>/profile/,",
            "                  and rows of the table)",
            "  --journal-only  only the journal write scenarios (no NameNodes, no failover): for quick iterations",
            "  --no-failover   skip the failover scenarios",
            "  --failover-only only the failover scenarios",
            "  --zk-client-provider CLASS",
            "                  also measure the failovers with qjm-kit's daemons and this client failover proxy",
            "                  provider (side 'qjm-kit+zk-client'); the class must be on the classpath. Without",
            "                  this option the side runs when " + ZK_CLIENT_PROVIDER,
            "                  is on the classpath; '--zk-client-provider none' turns it off",
            "  --help          this text");

    Durations durations() {
        return quick ? Durations.QUICK : Durations.FULL;
    }

    static String timestamp() {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    static BenchOptions parse(List<String> args) {
        return parse(args, BenchOptions::onClasspath);
    }

    /** {@code available} says whether a class is on the classpath (a seam for the tests). */
    static BenchOptions parse(List<String> args, java.util.function.Predicate<String> available) {
        boolean quick = false;
        boolean jfr = false;
        boolean journalOnly = false;
        boolean failoverOnly = false;
        boolean noFailover = false;
        boolean keepWork = false;
        boolean schedTrace = false;
        boolean profile = false;
        Integer reps = null;
        Path out = null;
        String zkProvider = null;
        String distProp = System.getProperty("qjmkit.dist.dir");
        Path dist = distProp == null ? null : Path.of(distProp);
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--quick" -> quick = true;
                case "--jfr" -> jfr = true;
                case "--journal-only" -> journalOnly = true;
                case "--failover-only" -> failoverOnly = true;
                case "--no-failover" -> noFailover = true;
                case "--keep-work" -> keepWork = true;
                case "--sched-trace" -> schedTrace = true;
                case "--profile" -> profile = true;
                case "--zk-client-provider" -> zkProvider = value(args, ++i, a);
                case "--reps" -> reps = positive(value(args, ++i, a), a);
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--dist" -> dist = Path.of(value(args, ++i, a));
                case "--work-dir" -> work = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown argument '" + a + "' (see --help)");
            }
        }
        if ((journalOnly ? 1 : 0) + (failoverOnly ? 1 : 0) + (noFailover ? 1 : 0) > 1) {
            throw new IllegalArgumentException(
                    "--journal-only, --failover-only and --no-failover exclude each other: pick one");
        }
        if (schedTrace && (journalOnly || failoverOnly)) {
            throw new IllegalArgumentException("--sched-trace profiles the standby-lag phases, which "
                    + (journalOnly ? "--journal-only" : "--failover-only") + " skips: drop one of them");
        }
        if (profile && (journalOnly || failoverOnly)) {
            throw new IllegalArgumentException("--profile samples the group-commit phase, which "
                    + (journalOnly ? "--journal-only" : "--failover-only") + " skips: drop one of them");
        }
        if (dist == null) {
            throw new IllegalArgumentException(
                    "no distribution: pass --dist dist/target/qjm-kit-<version> or -Dqjmkit.dist.dir (bench/run.sh does)");
        }
        if (zkProvider == null) {
            zkProvider = available.test(ZK_CLIENT_PROVIDER) ? ZK_CLIENT_PROVIDER : null;
        } else if (zkProvider.equals("none")) {
            zkProvider = null;
        } else if (!available.test(zkProvider)) {
            throw new IllegalArgumentException("--zk-client-provider " + zkProvider
                    + " is not on the classpath: add its jar (e.g. the ha-client module) to the bench classpath");
        }
        if (out == null) {
            out = Path.of("bench", "results", timestamp());
        }
        boolean failover = !journalOnly && !noFailover;
        return new BenchOptions(
                quick,
                reps == null ? (quick ? 2 : 5) : reps,
                out,
                dist,
                work,
                jfr,
                !journalOnly,
                !failoverOnly,
                failover,
                failover ? zkProvider : null,
                keepWork,
                schedTrace,
                profile);
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, BenchOptions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value (see --help)");
        }
        return args.get(i);
    }

    private static int positive(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + v + "'");
    }
}
