package io.qjmkit.journalnode.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A sparse txid to file-offset map of one segment: an entry about every {@link #STRIDE} bytes, so
 * a read starting at any txid scans at most one stride instead of the whole segment. Written by
 * the segment's single writer, read concurrently by readers.
 */
final class SparseIndex {
    static final int STRIDE = 64 * 1024;

    /** Batch starts kept beside the stride entries, so tailing readers start exactly where they left. */
    static final int RECENT_BATCHES = 128;

    private final ConcurrentSkipListMap<Long, Long> offsets = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Long> recent = new ConcurrentSkipListMap<>();
    private long lastIndexedOffset = Long.MIN_VALUE / 2;
    private int recentCount;

    /** Records that op {@code txId} starts at {@code offset}, if it is a stride past the last entry. */
    void maybeAdd(long txId, long offset) {
        if (offset - lastIndexedOffset >= STRIDE) {
            offsets.put(txId, offset);
            lastIndexedOffset = offset;
        }
    }

    /**
     * Records that a batch starting with op {@code txId} was written at {@code offset}. A tailing
     * reader asks for the txid after the last one it saw, which is such a batch start, and then
     * reads only the new bytes.
     */
    void addBatchStart(long txId, long offset) {
        recent.put(txId, offset);
        if (++recentCount > RECENT_BATCHES) {
            recent.pollFirstEntry();
            recentCount--;
        }
    }

    /** The indexed op at or before {@code txId} closest to it, or null. */
    Map.Entry<Long, Long> floor(long txId) {
        Map.Entry<Long, Long> stride = offsets.floorEntry(txId);
        Map.Entry<Long, Long> batch = recent.floorEntry(txId);
        if (stride == null) {
            return batch;
        }
        return batch != null && batch.getKey() > stride.getKey() ? batch : stride;
    }

    /** Forgets entries at or after {@code txId} (the file was truncated there). */
    void truncateFrom(long txId) {
        offsets.tailMap(txId, true).clear();
        recent.tailMap(txId, true).clear();
        recentCount = recent.size();
        Map.Entry<Long, Long> last = offsets.lastEntry();
        lastIndexedOffset = last == null ? Long.MIN_VALUE / 2 : last.getValue();
    }

    int size() {
        return offsets.size();
    }
}
