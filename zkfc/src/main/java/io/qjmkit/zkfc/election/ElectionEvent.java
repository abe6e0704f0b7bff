package io.qjmkit.zkfc.election;

/** What an {@link Elector} reports. The controller re-checks {@link Elector#isLeading()} on each. */
public enum ElectionEvent {
    /** This controller holds the latch and is connected. */
    LEADING,
    /** Connected, and another participant leads: an election lost for real. */
    NOT_LEADING,
    /** SUSPENDED, LOST or read-only: not leading, but nothing is known; never a reason to demote. */
    DISCONNECTED
}
