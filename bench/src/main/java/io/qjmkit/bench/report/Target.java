package io.qjmkit.bench.report;

import io.qjmkit.bench.stats.Spread;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A goal for one figure from the benchmark issue: a bound on the ratio ours/Hadoop (checked on the
 * medians), an absolute bound on our own value (on our worst repetition, because such targets are
 * about maxima, or on our median), or several of these that must all hold (e.g. "median &lt; 1 s and
 * max ≤ 1.5 s" over failover rounds).
 *
 * @param parts the targets an {@link Kind#ALL_OF} target combines; empty for the others
 */
public record Target(Kind kind, double bound, String text, List<Target> parts) {

    /** How the bound is applied. */
    public enum Kind {
        RATIO_AT_MOST,
        RATIO_AT_LEAST,
        /** Our worst repetition at most the bound. */
        ABSOLUTE_AT_MOST,
        /** Our median strictly below the bound. */
        MEDIAN_BELOW,
        /** Our median at most the bound. */
        MEDIAN_AT_MOST,
        /** Every one of {@link Target#parts()}. */
        ALL_OF
    }

    public Target {
        parts = List.copyOf(parts);
        if ((kind == Kind.ALL_OF) == parts.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " target must have parts exactly when it is ALL_OF");
        }
    }

    public static Target ratioAtMost(double bound) {
        return new Target(Kind.RATIO_AT_MOST, bound, "ratio <= " + bound, List.of());
    }

    public static Target ratioAtLeast(double bound) {
        return new Target(Kind.RATIO_AT_LEAST, bound, "ratio >= " + bound, List.of());
    }

    public static Target absoluteAtMost(double bound, String unit) {
        return new Target(Kind.ABSOLUTE_AT_MOST, bound, "ours <= " + bound + " " + unit + " (worst rep)", List.of());
    }

    /** Our worst repetition (e.g. round) at most {@code bound}; {@code why} explains the bound. */
    public static Target maxAtMost(double bound, String unit, String why) {
        return new Target(Kind.ABSOLUTE_AT_MOST, bound, "max <= " + number(bound) + " " + unit + why(why), List.of());
    }

    public static Target medianBelow(double bound, String unit) {
        return new Target(Kind.MEDIAN_BELOW, bound, "median < " + number(bound) + " " + unit, List.of());
    }

    public static Target medianAtMost(double bound, String unit) {
        return new Target(Kind.MEDIAN_AT_MOST, bound, "median <= " + number(bound) + " " + unit, List.of());
    }

    /** Met when every part is met. */
    public static Target allOf(Target... parts) {
        String text = Arrays.stream(parts).map(Target::text).collect(Collectors.joining(", "));
        return new Target(Kind.ALL_OF, Double.NaN, text, List.of(parts));
    }

    /** True when the verdict compares with Hadoop (and so needs Hadoop's value). */
    public boolean isRatio() {
        return switch (kind) {
            case RATIO_AT_MOST, RATIO_AT_LEAST -> true;
            case ALL_OF -> parts.stream().anyMatch(Target::isRatio);
            default -> false;
        };
    }

    /**
     * True when met; {@code ratio} is ours/Hadoop of the medians (NaN without Hadoop's value),
     * {@code ours} our values across repetitions.
     */
    public boolean isMet(double ratio, Spread ours, boolean lowerIsBetter) {
        return switch (kind) {
            case RATIO_AT_MOST -> ratio <= bound;
            case RATIO_AT_LEAST -> ratio >= bound;
            case ABSOLUTE_AT_MOST -> ours.worst(lowerIsBetter) <= bound;
            case MEDIAN_BELOW -> ours.median() < bound;
            case MEDIAN_AT_MOST -> ours.median() <= bound;
            case ALL_OF -> parts.stream().allMatch(p -> p.isMet(ratio, ours, lowerIsBetter));
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }

    private static String why(String why) {
        return why == null || why.isEmpty() ? "" : " (" + why + ")";
    }
}
