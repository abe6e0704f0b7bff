package io.qjmkit.bench.report;

/**
 * One figure of one repetition of one implementation, with the machine's load while it was measured.
 *
 * @param impl {@code qjm-kit}, {@code hadoop}, {@code qjm-kit+zk-client} (qjm-kit measured with the
 *     ZooKeeper-following HA client, failover scenarios only), or {@code disk} for the disk's own floor
 * @param better {@code lower} or {@code higher}: which direction is an improvement
 * @param load1 1-minute load average at the end of the measurement
 * @param stealPct CPU time stolen by the hypervisor during the measurement, percent
 * @param time ISO-8601 instant the measurement ended
 */
public record Measurement(
        String impl,
        int rep,
        String scenario,
        String metric,
        String unit,
        String better,
        double value,
        double load1,
        double stealPct,
        String time) {

    public static final String QJM_KIT = "qjm-kit";
    public static final String HADOOP = "hadoop";
    public static final String DISK = "disk";
    /** qjm-kit's daemons with the ZooKeeper-following client (io.qjmkit.haclient) instead of the stock one. */
    public static final String QJM_KIT_ZK_CLIENT = "qjm-kit+zk-client";

    public boolean lowerIsBetter() {
        return "lower".equals(better);
    }

    /** The figure this measures, independent of implementation and repetition. */
    public FigureKey key() {
        return new FigureKey(scenario, metric);
    }

    /** Identifies one row of the comparison. */
    public record FigureKey(String scenario, String metric) {}
}
