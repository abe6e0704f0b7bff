package io.qjmkit.bench.failover;

/**
 * The failover scenario families, with their names in the results, their metrics and how many
 * rounds each runs per side. The round counts keep a full run under 20 minutes and a quick one
 * under 5 on two cores (see README, benchmark section).
 */
public enum FailoverScenario {
    SIGKILL("failover: SIGKILL of the active NameNode", 10, 2),
    GRACEFUL("failover: graceful (hdfs haadmin -failover)", 10, 2),
    HOST_LOSS("failover: host loss (SIGKILL of active NameNode + its controller)", 5, 1);

    /** Kill (or the start of the host loss) to the first write acknowledged after it. */
    public static final String KILL_TO_FIRST_WRITE = "kill → first write";
    /** Longest time between two consecutive acknowledged writes of the continuously writing client. */
    public static final String LONGEST_GAP = "client's longest gap";
    /** Host loss to the other NameNode reporting ACTIVE (its HAServiceProtocol polled every 10 ms). */
    public static final String TO_NEW_ACTIVE = "to new active";
    /** Rounds that failed (a NameNode died instead of taking over, a write was lost, a timeout); target 0. */
    public static final String FAILED_ROUNDS = "failed rounds";
    /** Wall time of a whole round, recovery included (explanatory, for the run's time budget). */
    public static final String ROUND_TIME = "round wall time";

    private final String scenario;
    private final int fullRounds;
    private final int quickRounds;

    FailoverScenario(String scenario, int fullRounds, int quickRounds) {
        this.scenario = scenario;
        this.fullRounds = fullRounds;
        this.quickRounds = quickRounds;
    }

    /** The scenario's name in the results. */
    public String scenario() {
        return scenario;
    }

    public int rounds(boolean quick) {
        return quick ? quickRounds : fullRounds;
    }
}
