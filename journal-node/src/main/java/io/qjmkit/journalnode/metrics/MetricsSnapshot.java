package io.qjmkit.journalnode.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@link JournalMetrics} counted, at one moment: node totals, per-journal counts and the
 * fsync latency in microseconds. Serialized as the JSON of {@code GET /metrics}.
 *
 * @param node totals over all journals
 * @param journals counts per journal id
 * @param fsyncMicros fsync latency of write batches, in microseconds, over all journals
 * @param journalServiceMicros time from a write batch's arrival at the dispatcher to its reply
 *     being handed to the socket, in microseconds: the JournalNode's whole share of a flush
 */
public record MetricsSnapshot(
        JournalCounts node,
        Map<String, JournalCounts> journals,
        LatencySummary fsyncMicros,
        LatencySummary journalServiceMicros) {

    public MetricsSnapshot {
        journals = Collections.unmodifiableMap(new TreeMap<>(journals));
    }

    /** What metrics that count nothing report. */
    public static final MetricsSnapshot EMPTY =
            new MetricsSnapshot(JournalCounts.ZERO, Map.of(), LatencySummary.EMPTY, LatencySummary.EMPTY);
}
