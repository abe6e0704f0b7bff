package io.qjmkit.client.channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches of the open segment that one JournalNode has not acknowledged yet, bounded in bytes.
 * Confined to its channel's event-loop thread. The arrays are shared with the other channels, so
 * the memory held for all JournalNodes together is at most about one bound.
 */
final class RetainedBatches {
    private final long limitBytes;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private long bytes;
    /** True while nothing of the segment was dropped, so the segment can be rebuilt from scratch. */
    private boolean fromSegmentStart;

    RetainedBatches(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Forgets everything; the next batches belong to a new segment. */
    void reset() {
        batches.clear();
        bytes = 0;
        fromSegmentStart = true;
    }

    /** Keeps {@code batch}; false when that would exceed the bound (everything is then dropped). */
    boolean add(Batch batch) {
        if (limitBytes == 0) {
            fromSegmentStart = false; // catch-up disabled: nothing is kept, a lagging node waits
            return true;
        }
        if (bytes + batch.records().length > limitBytes) {
            drop();
            return false;
        }
        batches.addLast(batch);
        bytes += batch.records().length;
        return true;
    }

    /** Drops every batch that ends at or before {@code ackedTxId}. */
    void ackedUpTo(long ackedTxId) {
        while (!batches.isEmpty() && batches.peekFirst().lastTxId() <= ackedTxId) {
            bytes -= batches.pollFirst().records().length;
            fromSegmentStart = false;
        }
    }

    void drop() {
        batches.clear();
        bytes = 0;
        fromSegmentStart = false;
    }

    /**
     * The batches to resend so the node gets every txid from {@code fromTxId} on, the first cut at
     * {@code fromTxId}; null when some of them are no longer held.
     */
    List<Batch> from(long fromTxId, long lastSentTxId) {
        ackedUpTo(fromTxId - 1);
        if (fromTxId > lastSentTxId) {
            return List.of();
        }
        if (batches.isEmpty() || batches.peekFirst().firstTxId() > fromTxId) {
            return null;
        }
        List<Batch> out = new ArrayList<>(batches.size());
        for (Batch b : batches) {
            out.add(out.isEmpty() ? b.tailFrom(fromTxId) : b);
        }
        return out;
    }

    boolean fromSegmentStart() {
        return fromSegmentStart;
    }

    long bytes() {
        return bytes;
    }

    long limitBytes() {
        return limitBytes;
    }
}
