package io.qjmkit.bench.report;

import io.qjmkit.bench.stats.Spread;
import java.util.List;
import java.util.Locale;

/**
 * Renders compared rows as a GitHub Markdown table: each side as "median (min–max)", the ratio
 * ours/Hadoop of the medians, the target and whether it is met, and the load beside each figure.
 */
public final class MarkdownTable {
    private MarkdownTable() {}

    public static String render(List<Comparison.Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| scenario | metric | qjm-kit median (range) | Hadoop median (range) | ours/Hadoop | target | met |"
                + " load1 | steal % |\n");
        b.append("|---|---|---:|---:|---:|---|:-:|---:|---:|\n");
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
                    .append(Double.isNaN(r.ratio()) ? "–" : format(r.ratio()) + "×")
                    .append(" | ")
                    .append(r.target() == null ? "" : escape(r.target().text()))
                    .append(" | ")
                    .append(r.met().map(ok -> ok ? "yes" : "**no**").orElse(""))
                    .append(" | ")
                    .append(Double.isNaN(r.loadMedian()) ? "–" : String.format(Locale.ROOT, "%.2f", r.loadMedian()))
                    .append(" | ")
                    .append(Double.isNaN(r.stealMax()) ? "–" : String.format(Locale.ROOT, "%.1f", r.stealMax()))
                    .append(" |\n");
        }
        return b.toString();
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
