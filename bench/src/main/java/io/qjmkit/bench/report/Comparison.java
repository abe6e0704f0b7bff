package io.qjmkit.bench.report;

import io.qjmkit.bench.report.Measurement.FigureKey;
import io.qjmkit.bench.stats.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Aggregates raw measurements into one row per figure: median and range per implementation across
 * repetitions, the ratio of the medians (ours/Hadoop), the target verdict, and the load seen while
 * the figure was measured. Rows keep the order in which figures were first measured.
 */
public final class Comparison {
    private Comparison() {}

    /**
     * One figure compared. {@code ours}/{@code hadoop} are null when that side has no value;
     * {@code zkClient} holds the optional third side (qjm-kit with the ZooKeeper-following client),
     * null when it was not measured.
     */
    public record Row(
            FigureKey key,
            String unit,
            boolean lowerIsBetter,
            Spread ours,
            Spread hadoop,
            Spread zkClient,
            Target target,
            double loadMedian,
            double stealMax) {

        /** ours/Hadoop of the medians, NaN when either side is missing or Hadoop's is zero. */
        public double ratio() {
            return ratioOf(ours);
        }

        /** zkClient/Hadoop of the medians, NaN when either is missing. */
        public double zkClientRatio() {
            return ratioOf(zkClient);
        }

        private double ratioOf(Spread side) {
            if (side == null || hadoop == null || hadoop.median() == 0) {
                return Double.NaN;
            }
            return side.median() / hadoop.median();
        }

        /** How many times better ours is (>1 means better), whatever the metric's direction. */
        public double advantage() {
            double r = ratio();
            return lowerIsBetter ? 1.0 / r : r;
        }

        /** The verdict, empty when there is no target or a side is missing. */
        public Optional<Boolean> met() {
            return verdict(ours, ratio());
        }

        /** The verdict for the third side, empty when there is no target or a side is missing. */
        public Optional<Boolean> zkClientMet() {
            return verdict(zkClient, zkClientRatio());
        }

        private Optional<Boolean> verdict(Spread side, double ratio) {
            if (target == null || side == null) {
                return Optional.empty();
            }
            if (target.isRatio() && hadoop == null) {
                return Optional.empty();
            }
            return Optional.of(target.isMet(ratio, side, lowerIsBetter));
        }
    }

    /**
     * Rows comparing qjm-kit (and, where measured, qjm-kit with the ZooKeeper-following client)
     * with Hadoop; measurements of other "impls" (the disk) are skipped.
     */
    public static List<Row> rows(List<Measurement> all, Function<FigureKey, Target> targets) {
        Map<FigureKey, List<Measurement>> byKey = new LinkedHashMap<>();
        for (Measurement m : all) {
            if (m.impl().equals(Measurement.QJM_KIT)
                    || m.impl().equals(Measurement.HADOOP)
                    || m.impl().equals(Measurement.QJM_KIT_ZK_CLIENT)) {
                byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, ms) -> rows.add(row(key, ms, targets.apply(key))));
        return rows;
    }

    /** Median and range of a figure measured by one "impl" only (e.g. the disk floor), or null. */
    public static Spread spreadOf(List<Measurement> all, String impl, FigureKey key) {
        List<Double> values = all.stream()
                .filter(m -> m.impl().equals(impl) && m.key().equals(key))
                .map(Measurement::value)
                .toList();
        return values.isEmpty() ? null : Spread.of(values);
    }

    private static Row row(FigureKey key, List<Measurement> ms, Target target) {
        Measurement first = ms.get(0);
        List<Double> ours = values(ms, Measurement.QJM_KIT);
        List<Double> hadoop = values(ms, Measurement.HADOOP);
        List<Double> zkClient = values(ms, Measurement.QJM_KIT_ZK_CLIENT);
        List<Double> loads =
                ms.stream().map(Measurement::load1).filter(Double::isFinite).toList();
        double stealMax = ms.stream()
                .mapToDouble(Measurement::stealPct)
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
        return new Row(
                key,
                first.unit(),
                first.lowerIsBetter(),
                ours.isEmpty() ? null : Spread.of(ours),
                hadoop.isEmpty() ? null : Spread.of(hadoop),
                zkClient.isEmpty() ? null : Spread.of(zkClient),
                target,
                loads.isEmpty() ? Double.NaN : Spread.of(loads).median(),
                stealMax);
    }

    private static List<Double> values(List<Measurement> ms, String impl) {
        return ms.stream()
                .filter(m -> m.impl().equals(impl))
                .map(Measurement::value)
                .toList();
    }
}
