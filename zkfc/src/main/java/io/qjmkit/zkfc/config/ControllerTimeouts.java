package io.qjmkit.zkfc.config;

import org.apache.hadoop.conf.Configuration;

/**
 * The controller's time budget, all in milliseconds.
 *
 * @param healthCheckIntervalMs pause between two health polls ({@code ha.health-monitor.check-interval.ms})
 * @param healthRpcTimeoutMs bound on one health poll; a hung NameNode is NOT_RESPONDING after it
 * @param gracefulFenceTimeoutMs bound on the graceful {@code transitionToStandby} of the old active
 * @param newActiveTimeoutMs bound on {@code transitionToActive} of the local NameNode
 * @param failureBackoffMs time out of the election after a failed fence or promotion
 * @param livenessConnection whether to keep the idle TCP connection that notices process exit
 */
public record ControllerTimeouts(
        long healthCheckIntervalMs,
        int healthRpcTimeoutMs,
        int gracefulFenceTimeoutMs,
        int newActiveTimeoutMs,
        long failureBackoffMs,
        boolean livenessConnection) {

    public ControllerTimeouts {
        requirePositive(ZkfcKeys.HEALTH_CHECK_INTERVAL_MS, healthCheckIntervalMs);
        requirePositive(ZkfcKeys.HEALTH_RPC_TIMEOUT_MS, healthRpcTimeoutMs);
        requirePositive(ZkfcKeys.GRACEFUL_FENCE_TIMEOUT_MS, gracefulFenceTimeoutMs);
        requirePositive(ZkfcKeys.NEW_ACTIVE_TIMEOUT_MS, newActiveTimeoutMs);
        if (failureBackoffMs < 0) {
            throw new IllegalArgumentException(ZkfcKeys.FAILURE_BACKOFF_MS + " must be >= 0, got " + failureBackoffMs);
        }
    }

    /** The defaults, for tests and documentation. */
    public static ControllerTimeouts defaults() {
        return fromConfiguration(new Configuration(false));
    }

    public static ControllerTimeouts fromConfiguration(Configuration conf) {
        return new ControllerTimeouts(
                conf.getLong(ZkfcKeys.HEALTH_CHECK_INTERVAL_MS, ZkfcKeys.HEALTH_CHECK_INTERVAL_MS_DEFAULT),
                conf.getInt(ZkfcKeys.HEALTH_RPC_TIMEOUT_MS, ZkfcKeys.HEALTH_RPC_TIMEOUT_MS_DEFAULT),
                conf.getInt(ZkfcKeys.GRACEFUL_FENCE_TIMEOUT_MS, ZkfcKeys.GRACEFUL_FENCE_TIMEOUT_MS_DEFAULT),
                conf.getInt(ZkfcKeys.NEW_ACTIVE_TIMEOUT_MS, ZkfcKeys.NEW_ACTIVE_TIMEOUT_MS_DEFAULT),
                conf.getLong(ZkfcKeys.FAILURE_BACKOFF_MS, ZkfcKeys.FAILURE_BACKOFF_MS_DEFAULT),
                conf.getBoolean(ZkfcKeys.LIVENESS_CONNECTION_ENABLED, ZkfcKeys.LIVENESS_CONNECTION_ENABLED_DEFAULT));
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number of ms, got " + value);
        }
    }
}
