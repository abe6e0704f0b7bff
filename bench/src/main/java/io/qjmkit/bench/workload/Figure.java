package io.qjmkit.bench.workload;

/** One measured figure of a scenario, before it is tagged with implementation, repetition and load. */
public record Figure(String scenario, String metric, String unit, boolean lowerIsBetter, double value) {

    public static Figure latencyMs(String scenario, String metric, double value) {
        return new Figure(scenario, metric, "ms", true, value);
    }

    public static Figure rate(String scenario, String metric, String unit, double value) {
        return new Figure(scenario, metric, unit, false, value);
    }
}
