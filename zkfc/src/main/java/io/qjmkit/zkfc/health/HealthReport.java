package io.qjmkit.zkfc.health;

import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;

/**
 * One observation of the NameNode.
 *
 * @param state the health verdict
 * @param serviceState the HA state the NameNode reported, or {@code INITIALIZING} when unknown
 * @param reason why, for logs (e.g. the exception text)
 */
public record HealthReport(HealthState state, HAServiceState serviceState, String reason) {

    public static HealthReport initial() {
        return new HealthReport(HealthState.INITIALIZING, HAServiceState.INITIALIZING, "not checked yet");
    }

    public boolean isHealthy() {
        return state == HealthState.HEALTHY;
    }
}
