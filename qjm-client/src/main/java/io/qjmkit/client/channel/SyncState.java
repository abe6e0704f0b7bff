package io.qjmkit.client.channel;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a JournalNode stands relative to the writer's open segment.
 *
 * <pre>
 *   IDLE --start--> IN_SYNC <--acked all-- CATCHING_UP
 *                   |   ^  \--GAP---------------^  ^
 *                   |   |   \--lost/error--> PROBING --answered--+
 *                   |   +--------------------- (nothing to resend)
 *   any --too far behind / segment gone--> GIVEN_UP --next start--> IN_SYNC
 *   any --higher epoch seen--> FENCED;   any --close--> CLOSED
 * </pre>
 */
public enum SyncState {
    /** No segment is open for writing. */
    IDLE,
    /** Every batch is sent to the node as it comes. */
    IN_SYNC,
    /** Retained batches are being resent after the node reported a gap. */
    CATCHING_UP,
    /** The node's position is unknown (connection lost, write failed); a probe is asking it. */
    PROBING,
    /** The node is left out until the next segment. */
    GIVEN_UP,
    /** The node promised a newer writer; nothing more is sent. */
    FENCED,
    /** The channel is closed. */
    CLOSED;

    private Set<SyncState> next;

    static {
        IDLE.next = EnumSet.of(IN_SYNC, FENCED, CLOSED);
        IN_SYNC.next = EnumSet.of(IN_SYNC, CATCHING_UP, PROBING, GIVEN_UP, FENCED, IDLE, CLOSED);
        CATCHING_UP.next = EnumSet.of(IN_SYNC, CATCHING_UP, PROBING, GIVEN_UP, FENCED, IDLE, CLOSED);
        PROBING.next = EnumSet.of(IN_SYNC, CATCHING_UP, GIVEN_UP, FENCED, IDLE, CLOSED);
        GIVEN_UP.next = EnumSet.of(IN_SYNC, IDLE, FENCED, CLOSED);
        FENCED.next = EnumSet.of(FENCED, CLOSED);
        CLOSED.next = EnumSet.of(CLOSED);
    }

    boolean canMoveTo(SyncState to) {
        return next.contains(to);
    }
}
