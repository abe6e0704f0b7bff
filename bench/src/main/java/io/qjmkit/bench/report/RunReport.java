package io.qjmkit.bench.report;

import io.qjmkit.bench.report.Measurement.FigureKey;
import io.qjmkit.bench.stats.Spread;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Writes {@code table.md} and {@code chart.svg} of a results directory from its {@code raw.jsonl}.
 * The table file also carries the run's context (machine, load, options) and the disk floor.
 */
public final class RunReport {
    private RunReport() {}

    /** The disk floor figure, measured once per repetition with impl {@link Measurement#DISK}. */
    public static final FigureKey DISK_FLOOR = new FigureKey("disk floor", "fdatasync p50");

    /** The second of three concurrent fdatasyncs on the same disk, measured beside the disk floor. */
    public static final FigureKey MAJORITY_FLOOR = new FigureKey("disk floor", "majority of 3 fdatasyncs p50");

    public static List<Measurement> read(Path rawJsonl) throws IOException {
        return Files.readAllLines(rawJsonl, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .map(JsonLines::decode)
                .toList();
    }

    /** Renders both files; {@code batch1P50} names our/Hadoop's batch-1 flush p50 figure. */
    public static void write(Path dir, String context, Function<FigureKey, Target> targets, FigureKey batch1P50)
            throws IOException {
        List<Measurement> all = read(dir.resolve("raw.jsonl"));
        List<Comparison.Row> rows = Comparison.rows(all, targets);
        StringBuilder md = new StringBuilder("# qjm-kit vs Hadoop 3.5.0 QJM\n\n")
                .append(context)
                .append("\n\n")
                .append(MarkdownTable.render(rows))
                .append('\n')
                .append(diskFloorLine(all, batch1P50))
                .append("\n\n")
                .append("↓ lower is better, ↑ higher is better. Ratio = median(qjm-kit) / median(Hadoop);"
                        + " ratio targets use the medians, absolute targets our worst repetition. load1 is the"
                        + " median 1-minute load average at the end of each measurement, steal the highest CPU"
                        + " steal seen during one.\n");
        Files.writeString(dir.resolve("table.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("chart.svg"), SvgChart.render(rows, firstLine(context)), StandardCharsets.UTF_8);
    }

    static String diskFloorLine(List<Measurement> all, FigureKey batch1P50) {
        Spread floor = Comparison.spreadOf(all, Measurement.DISK, DISK_FLOOR);
        if (floor == null) {
            return "Disk floor: not measured.";
        }
        StringBuilder b = new StringBuilder(
                        "Disk floor: one fdatasync of a small append to a preallocated file," + " p50 ")
                .append(MarkdownTable.cell(floor, "ms"))
                .append('.');
        appendMultiples(b, all, batch1P50, floor, "the floor");
        Spread majority = Comparison.spreadOf(all, Measurement.DISK, MAJORITY_FLOOR);
        if (majority != null) {
            b.append("\n\nMajority floor (all JournalNodes of a side share this disk): the second of three"
                            + " threads done, each appending to its own preallocated file and fdatasyncing it,"
                            + " released together, p50 ")
                    .append(MarkdownTable.cell(majority, "ms"))
                    .append('.');
            appendMultiples(b, all, batch1P50, majority, "the majority floor");
        }
        return b.toString();
    }

    private static void appendMultiples(
            StringBuilder b, List<Measurement> all, FigureKey batch1P50, Spread floor, String name) {
        for (String impl : List.of(Measurement.QJM_KIT, Measurement.HADOOP)) {
            Spread s = Comparison.spreadOf(all, impl, batch1P50);
            if (s != null && floor.median() > 0) {
                b.append(" ")
                        .append(impl)
                        .append(" batch-1 flush p50 = ")
                        .append(MarkdownTable.format(s.median() / floor.median()))
                        .append("× ")
                        .append(name)
                        .append('.');
            }
        }
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
