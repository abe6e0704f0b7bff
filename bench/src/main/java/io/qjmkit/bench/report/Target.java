package io.qjmkit.bench.report;

/**
 * A goal for one figure from the benchmark issue: either a bound on the ratio ours/Hadoop (checked
 * on the medians) or an absolute bound on our own value (checked on the worst repetition, because
 * such targets are about maxima).
 */
public record Target(Kind kind, double bound, String text) {

    /** How the bound is applied. */
    public enum Kind {
        RATIO_AT_MOST,
        RATIO_AT_LEAST,
        ABSOLUTE_AT_MOST
    }

    public static Target ratioAtMost(double bound) {
        return new Target(Kind.RATIO_AT_MOST, bound, "ratio <= " + bound);
    }

    public static Target ratioAtLeast(double bound) {
        return new Target(Kind.RATIO_AT_LEAST, bound, "ratio >= " + bound);
    }

    public static Target absoluteAtMost(double bound, String unit) {
        return new Target(Kind.ABSOLUTE_AT_MOST, bound, "ours <= " + bound + " " + unit + " (worst rep)");
    }

    /** True when met; {@code ratio} is ours/Hadoop of the medians, {@code oursWorst} our worst rep. */
    public boolean isMet(double ratio, double oursWorst) {
        return switch (kind) {
            case RATIO_AT_MOST -> ratio <= bound;
            case RATIO_AT_LEAST -> ratio >= bound;
            case ABSOLUTE_AT_MOST -> oursWorst <= bound;
        };
    }
}
