package io.qjmkit.journalnode.metrics;

import io.qjmkit.protocol.message.ErrorCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counters of one journal (or, summed, of the whole node) at one moment.
 *
 * @param batchesWritten durable write batches
 * @param txnsWritten transactions made durable
 * @param bytesWritten bytes made durable
 * @param txnsRead transactions served to readers
 * @param bytesRead bytes served to readers
 * @param segmentsFetched segments fetched from peers
 * @param bytesFetched bytes fetched from peers
 * @param failures refused or failed requests by error code (only codes seen)
 */
public record JournalCounts(
        long batchesWritten,
        long txnsWritten,
        long bytesWritten,
        long txnsRead,
        long bytesRead,
        long segmentsFetched,
        long bytesFetched,
        Map<ErrorCode, Long> failures) {

    public JournalCounts {
        EnumMap<ErrorCode, Long> ordered = new EnumMap<>(ErrorCode.class);
        ordered.putAll(failures);
        failures = Collections.unmodifiableMap(ordered);
    }

    public static final JournalCounts ZERO = new JournalCounts(0, 0, 0, 0, 0, 0, 0, Map.of());

    /** The total number of refused or failed requests. */
    public long failureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
