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
 */
record BenchOptions(boolean quick, int reps, Path out, Path dist, Path workDir, boolean jfr, boolean namenodes) {
    static final String USAGE = String.join(
            "\n",
            "Usage: BenchMain [--quick] [--reps N] [--out DIR] [--dist DIR] [--work-dir DIR] [--jfr] [--journal-only]"
                    + " [--help]",
            "Runs the same workloads through qjm-kit and Hadoop 3.5.0's QuorumJournalManager + JournalNode,",
            "alternating them per repetition, and writes raw.jsonl, table.md and chart.svg.",
            "  --quick         short phases, 2 repetitions (under 5 minutes on 2 cores)",
            "  --reps N        repetitions of each implementation (default 2 quick, 5 full)",
            "  --out DIR       results directory (default bench/results/<UTC timestamp>)",
            "  --dist DIR      built distribution (default: system property qjmkit.dist.dir)",
            "  --work-dir DIR  scratch disk for JournalNode and NameNode storage (default java.io.tmpdir)",
            "  --jfr           record a JFR profile of every JournalNode into <out>/jfr/",
            "  --journal-only  only the journal write scenarios (no NameNodes): for quick iterations",
            "  --help          this text");

    Durations durations() {
        return quick ? Durations.QUICK : Durations.FULL;
    }

    static String timestamp() {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    static BenchOptions parse(List<String> args) {
        boolean quick = false;
        boolean jfr = false;
        boolean namenodes = true;
        Integer reps = null;
        Path out = null;
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
                case "--journal-only" -> namenodes = false;
                case "--reps" -> reps = positive(value(args, ++i, a), a);
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--dist" -> dist = Path.of(value(args, ++i, a));
                case "--work-dir" -> work = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown argument '" + a + "' (see --help)");
            }
        }
        if (dist == null) {
            throw new IllegalArgumentException(
                    "no distribution: pass --dist dist/target/qjm-kit-<version> or -Dqjmkit.dist.dir (bench/run.sh does)");
        }
        if (out == null) {
            out = Path.of("bench", "results", timestamp());
        }
        return new BenchOptions(quick, reps == null ? (quick ? 2 : 5) : reps, out, dist, work, jfr, namenodes);
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
