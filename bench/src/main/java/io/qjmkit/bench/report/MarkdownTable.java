package io.qjmkit.bench.report;

import io.qjmkit.bench.stats.Spread;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders compared rows as a GitHub Markdown table: each side as "median (min–max)", the ratio
 * ours/Hadoop of the medians, the target and whether it is met, and the load beside each figure.
 * When the optional third side (qjm-kit with the ZooKeeper-following client) was measured, it gets
 * columns of its own, compared with Hadoop likewise.
 */
public final class MarkdownTable {
    private MarkdownTable() {}

    public static String render(List<Comparison.Row> rows) {
        boolean zk = rows.stream().anyMatch(r -> r.zkClient() != null);
        StringBuilder b = new StringBuilder();
        b.append("| scenario | metric | qjm-kit median (range) | Hadoop median (range) | ours/Hadoop | target | met |");
        if (zk) {
            b.append(" qjm-kit + zk client median (range) | zk client/Hadoop | met (zk client) |");
        }
        b.append(" load1 | steal % |\n");
        b.append("|---|---|---:|---:|---:|---|:-:|")
                .append(zk ? "---:|---:|:-:|" : "")
                .append("---:|---:|\n");
        for (Comparison.Row r : rows) {
            b.append("| ")
                    .append(escape(r.key().scenario()))
                    .append(" | ")
                    .append(escape(r.key().metric()))
                    .append(r.lowerIsBetter() ? " ↓" : " ↑")
                    .append(" | ")
                    .append(cell(r.ours(), r.unit()))
                    .append(" | ")
                    .append(cell(r.hadoop(), r.unit()))
                    .append(" | ")
                    .append(ratio(r.ratio()))
                    .append(" | ")
                    .append(r.target() == null ? "" : escape(r.target().text()))
                    .append(" | ")
                    .append(verdict(r.met()))
                    .append(" | ");
            if (zk) {
                b.append(cell(r.zkClient(), r.unit()))
                        .append(" | ")
                        .append(ratio(r.zkClientRatio()))
                        .append(" | ")
                        .append(verdict(r.zkClientMet()))
                        .append(" | ");
            }
            b.append(Double.isNaN(r.loadMedian()) ? "–" : String.format(Locale.ROOT, "%.2f", r.loadMedian()))
                    .append(" | ")
                    .append(Double.isNaN(r.stealMax()) ? "–" : String.format(Locale.ROOT, "%.1f", r.stealMax()))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "–" : format(r) + "×";
    }

    private static String verdict(Optional<Boolean> met) {
        return met.map(ok -> ok ? "yes" : "**no**").orElse("");
    }

    /** "median (min–max) unit", or "–" for a missing side. */
    static String cell(Spread s, String unit) {
        if (s == null) {
            return "–";
        }
        return format(s.median()) + " (" + format(s.min()) + "–" + format(s.max()) + ") " + unit;
    }

    /** Three significant digits, no exponent for the magnitudes a benchmark produces. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
