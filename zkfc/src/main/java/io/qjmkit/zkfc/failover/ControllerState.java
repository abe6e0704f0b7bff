package io.qjmkit.zkfc.failover;

import java.util.EnumSet;
import java.util.Set;

/**
 * The failover controller's lifecycle.
 *
 * <pre>
 *   INITIALIZING -> STANDBY
 *   STANDBY      -> ELECTION                      (NameNode healthy and not benched)
 *   ELECTION     -> FENCING | STANDBY | BECOMING_STANDBY  (won | unhealthy, observer, ceded | stale active)
 *   FENCING      -> BECOMING_ACTIVE | STANDBY | ELECTION   (fenced | fence failed | lost the latch)
 *   BECOMING_ACTIVE -> ACTIVE | BECOMING_STANDBY | STANDBY | ELECTION
 *   ACTIVE       -> BECOMING_STANDBY | ELECTION   (unhealthy, ceded, lost election | NN reports standby)
 *   BECOMING_STANDBY -> STANDBY | ELECTION
 *   any          -> CLOSED
 * </pre>
 */
public enum ControllerState {
    INITIALIZING,
    /** Not taking part in the election (NameNode not healthy, observer, ceded or backing off). */
    STANDBY,
    /** In the election, not leading; the NameNode is (or is made) standby. */
    ELECTION,
    /** Won; making sure the previous active cannot act any more. */
    FENCING,
    /** Fenced; claiming the breadcrumb and calling transitionToActive. */
    BECOMING_ACTIVE,
    /** The local NameNode is active by this controller's decision. */
    ACTIVE,
    /** Asking the local NameNode to go standby. */
    BECOMING_STANDBY,
    CLOSED;

    /** The states this one may move to. */
    public Set<ControllerState> successors() {
        return switch (this) {
            case INITIALIZING -> EnumSet.of(STANDBY, CLOSED);
            case STANDBY -> EnumSet.of(ELECTION, CLOSED);
            case ELECTION -> EnumSet.of(FENCING, STANDBY, BECOMING_STANDBY, CLOSED);
            case FENCING -> EnumSet.of(BECOMING_ACTIVE, STANDBY, ELECTION, CLOSED);
            case BECOMING_ACTIVE -> EnumSet.of(ACTIVE, BECOMING_STANDBY, STANDBY, ELECTION, CLOSED);
            case ACTIVE -> EnumSet.of(BECOMING_STANDBY, ELECTION, CLOSED);
            case BECOMING_STANDBY -> EnumSet.of(STANDBY, ELECTION, CLOSED);
            case CLOSED -> EnumSet.noneOf(ControllerState.class);
        };
    }
}
