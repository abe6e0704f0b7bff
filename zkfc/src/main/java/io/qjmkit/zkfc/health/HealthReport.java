package io.qjmkit.zkfc.health;

import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;

/**
 * One observation of the NameNode.
 *
 * @param state the health verdict
 * @param serviceState the HA state the NameNode reported, or {@code INITIALIZING} when unknown
 * @param reason why, for logs (e.g. the exception text)
 * @param ticket the {@link ProbeOrder} ticket taken when the probe began (0: before any probe)
 */
public record HealthReport(HealthState state, HAServiceState serviceState, String reason, long ticket) {

    public static HealthReport initial() {
        return new HealthReport(HealthState.INITIALIZING, HAServiceState.INITIALIZING, "not checked yet", 0);
    }

    public boolean isHealthy() {
        return state == HealthState.HEALTHY;
    }
}
