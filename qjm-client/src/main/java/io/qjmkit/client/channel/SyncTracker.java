package io.qjmkit.client.channel;

import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one channel's {@link SyncState} and is the only place that moves it: checks the move is
 * legal, logs it once at INFO (a give-up once at WARN per segment) with the journal, node and
 * segment. Used from the channel's loop only; the state is volatile so reports can read it.
 */
final class SyncTracker {
    private static final Logger LOG = LoggerFactory.getLogger(SyncTracker.class);

    private final String journalId;
    private final String address;
    private volatile SyncState state = SyncState.IDLE;
    private long segmentTxId = -1;
    private String reason = "no segment open";

    SyncTracker(String journalId, String address) {
        this.journalId = journalId;
        this.address = address;
    }

    SyncState state() {
        return state;
    }

    void move(SyncState to, String why) {
        SyncState from = state;
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("JournalNode " + address + " of journal " + journalId
                    + ": illegal sync move " + from + " -> " + to + " (" + why + ")");
        }
        state = to;
        reason = why;
        if (from != to) {
            LOG.info(
                    "Journal {} JournalNode {} segment {}: {} -> {}: {}",
                    journalId,
                    address,
                    segmentTxId,
                    from,
                    to,
                    why);
        }
    }

    void segmentStarted(long txId) {
        segmentTxId = txId;
        if (state != SyncState.FENCED && state != SyncState.CLOSED) {
            move(SyncState.IN_SYNC, "segment " + txId + " started");
        }
    }

    void segmentClosed() {
        if (state != SyncState.FENCED && state != SyncState.CLOSED) {
            move(SyncState.IDLE, "segment " + segmentTxId + " finalized");
        }
    }

    void giveUp(String why) {
        if (state == SyncState.GIVEN_UP || state == SyncState.FENCED || state == SyncState.CLOSED) {
            return;
        }
        state = SyncState.GIVEN_UP;
        reason = why;
        LOG.warn(
                "Journal {} JournalNode {}: leaving it out of segment {} until the next segment: {}",
                journalId,
                address,
                segmentTxId,
                why);
    }

    void close() {
        move(SyncState.CLOSED, "closed");
    }

    boolean segmentOpen() {
        return state != SyncState.IDLE && state != SyncState.CLOSED && state != SyncState.FENCED;
    }

    /** True when a new batch is kept for this node (sent now or resent later). */
    boolean acceptsBatches() {
        return state == SyncState.IN_SYNC || state == SyncState.CATCHING_UP || state == SyncState.PROBING;
    }

    IOException notSending(Batch batch) {
        String where = "JournalNode " + address + " of journal " + journalId + " did not get txids " + batch.firstTxId()
                + "-" + batch.lastTxId() + ": it is " + state + " (" + reason + ")";
        if (state == SyncState.FENCED) {
            return new JournalException(ErrorCode.EPOCH_FENCED, where);
        }
        return new IOException(where);
    }
}
