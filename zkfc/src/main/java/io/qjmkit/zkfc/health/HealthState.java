package io.qjmkit.zkfc.health;

/** What the health monitor believes about its NameNode. */
public enum HealthState {
    /** No check has completed yet. */
    INITIALIZING,
    /** {@code monitorHealth} succeeded. */
    HEALTHY,
    /** The NameNode answered that it is not healthy (e.g. out of disk for its name dirs). */
    UNHEALTHY,
    /** The NameNode did not answer in time, refused the connection, or its process went away. */
    NOT_RESPONDING
}
