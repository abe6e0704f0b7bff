package io.qjmkit.bench.stats;

import java.util.Arrays;
import java.util.Collection;

/**
 * The median and range of one figure across repetitions. With an even count the median is the mean
 * of the two middle values.
 */
public record Spread(double median, double min, double max, int count) {

    public static Spread of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values: a figure needs at least one repetition");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
        return new Spread(median, v[0], v[n - 1], n);
    }

    /** The value a "worst case" check uses: the highest when lower is better, else the lowest. */
    public double worst(boolean lowerIsBetter) {
        return lowerIsBetter ? max : min;
    }
}
