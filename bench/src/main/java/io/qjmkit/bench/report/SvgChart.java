package io.qjmkit.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG bar chart, one bar per figure, readable at a glance: the bar is how many times
 * better qjm-kit is than Hadoop (right of the 1× line = better, whatever the metric's direction) on
 * a log scale, green when the figure's target is met, red when missed, grey without target; a
 * black tick marks the target. Bars beyond the scale are clipped and marked with an arrow.
 */
public final class SvgChart {
    private static final int WIDTH = 980;
    private static final int ROW = 24;
    private static final int TOP = 56;
    private static final int LABEL_RIGHT = 400;
    private static final int PLOT_LEFT = 410;
    private static final int PLOT_RIGHT = 830;
    /** The scale spans 2^-SPAN .. 2^SPAN. */
    private static final double SPAN = 3.0;

    private SvgChart() {}

    /** Charts the rows that have a target (the full set is in the table); all rows if none has one. */
    public static String render(List<Comparison.Row> all, String subtitle) {
        List<Comparison.Row> targeted =
                all.stream().filter(r -> r.target() != null).toList();
        List<Comparison.Row> rows = targeted.isEmpty() ? all : targeted;
        int height = TOP + rows.size() * ROW + 58;
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                height,
                WIDTH,
                height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(
                b,
                10,
                20,
                "start",
                "font-size=\"15\" font-weight=\"bold\"",
                "qjm-kit vs Hadoop QJM: times better (right of 1× = qjm-kit better), median of repetitions");
        text(b, 10, 38, "start", "fill=\"#555\"", subtitle);
        axis(b, height - 18);
        text(
                b,
                PLOT_LEFT,
                height - 8,
                "start",
                "fill=\"#555\"",
                "green: target met · red: missed · black tick: target · ▶ beyond the scale");
        for (int i = 0; i < rows.size(); i++) {
            bar(b, rows.get(i), TOP + i * ROW);
        }
        return b.append("</svg>\n").toString();
    }

    private static void axis(StringBuilder b, int height) {
        int bottom = height - 30;
        for (int e = (int) -SPAN; e <= SPAN; e++) {
            double x = x(Math.pow(2, e));
            String stroke = e == 0 ? "#000" : "#ddd";
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
                    x,
                    TOP - 6,
                    x,
                    bottom,
                    stroke));
            String label = e >= 0 ? (1 << e) + "×" : "1/" + (1 << -e) + "×";
            text(b, x, bottom + 14, "middle", "fill=\"#555\"", label);
        }
    }

    private static void bar(StringBuilder b, Comparison.Row r, int y) {
        String label = r.key().scenario() + " — " + r.key().metric();
        text(b, LABEL_RIGHT, y + 15, "end", "", label);
        double adv = r.advantage();
        if (!Double.isFinite(adv) || adv <= 0) {
            text(b, PLOT_LEFT, y + 15, "start", "fill=\"#999\"", "no comparison");
            return;
        }
        String color = r.met().map(ok -> ok ? "#2e9d4a" : "#d33c32").orElse("#9a9a9a");
        double x0 = x(1.0);
        double x1 = x(adv);
        b.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                Math.min(x0, x1),
                y + 4,
                Math.max(Math.abs(x1 - x0), 1.0),
                ROW - 8,
                color));
        boolean clipped = Math.abs(Math.log(adv) / Math.log(2)) > SPAN;
        if (r.target() != null && r.target().isRatio() && r.target().kind() != Target.Kind.ALL_OF) {
            double needed = r.target().kind() == Target.Kind.RATIO_AT_MOST
                    ? 1.0 / r.target().bound()
                    : r.target().bound();
            double tx = x(needed);
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>\n",
                    tx,
                    y + 1,
                    tx,
                    y + ROW - 1));
        }
        String value = MarkdownTable.format(adv) + "×" + (clipped ? " ▶" : "");
        if (r.target() != null && !r.target().isRatio() && r.ours() != null) {
            value += "  (median " + MarkdownTable.format(r.ours().median()) + ", worst "
                    + MarkdownTable.format(r.ours().max()) + " " + r.unit() + "; "
                    + r.target().text() + ")";
        }
        text(b, PLOT_RIGHT + 6, y + 15, "start", "", value);
    }

    /** The x coordinate of an advantage factor, clipped to the scale. */
    static double x(double advantage) {
        double l = Math.max(-SPAN, Math.min(SPAN, Math.log(advantage) / Math.log(2)));
        return PLOT_LEFT + (l + SPAN) / (2 * SPAN) * (PLOT_RIGHT - PLOT_LEFT);
    }

    private static void text(StringBuilder b, double x, int y, String anchor, String attrs, String s) {
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" %s>%s</text>\n",
                x,
                y,
                anchor,
                attrs,
                xml(s)));
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
