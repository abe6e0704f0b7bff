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

    private final ConcurrentSkipListMap<Long, Long> offsets = new ConcurrentSkipListMap<>();
    private long lastIndexedOffset = Long.MIN_VALUE / 2;

    /** Records that op {@code txId} starts at {@code offset}, if it is a stride past the last entry. */
    void maybeAdd(long txId, long offset) {
        if (offset - lastIndexedOffset >= STRIDE) {
            offsets.put(txId, offset);
            lastIndexedOffset = offset;
        }
    }

    /** The indexed op at or before {@code txId}, or null. */
    Map.Entry<Long, Long> floor(long txId) {
        return offsets.floorEntry(txId);
    }

    /** Forgets entries at or after {@code txId} (the file was truncated there). */
    void truncateFrom(long txId) {
        offsets.tailMap(txId, true).clear();
        Map.Entry<Long, Long> last = offsets.lastEntry();
        lastIndexedOffset = last == null ? Long.MIN_VALUE / 2 : last.getValue();
    }

    int size() {
        return offsets.size();
    }
}
