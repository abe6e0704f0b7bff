package io.qjmkit.zkfc.health;

/**
 * Told when the health verdict or the reported HA state of the NameNode changes, and with the
 * result of every check asked for through {@link HealthMonitor#checkNow}.
 */
@FunctionalInterface
public interface HealthListener {
    /** Called on the health monitor's thread; implementations hand the work off quickly. */
    void healthChanged(HealthReport report);
}
