package io.qjmkit.journalnode.metrics;

import io.qjmkit.protocol.message.ErrorCode;

/**
 * Counters and latency figures of one JournalNode, shared by all its journals. The write path
 * calls these on every batch, so implementations must be cheap and lock-free.
 */
public interface JournalMetrics {
    /** A batch of {@code txns} transactions ({@code bytes} bytes) made durable; fsync took {@code fsyncNanos}. */
    void batchWritten(String journalId, int txns, int bytes, long fsyncNanos);

    /**
     * A write batch was answered {@code nanos} after its request reached the dispatcher (queueing,
     * write, fsync and handing the reply to the socket): the JournalNode's share of a flush.
     */
    default void journalServed(long nanos) {}

    /** A read served {@code txns} transactions in {@code bytes} bytes. */
    void editsRead(String journalId, int txns, int bytes);

    /** A request was refused or failed with {@code code}. */
    void requestFailed(String journalId, ErrorCode code);

    /** A segment was fetched from a peer ({@code bytes} bytes) to fill a gap or accept recovery. */
    void segmentFetched(String journalId, long bytes);

    /** What was counted so far, for the status endpoint; metrics that count nothing report zeros. */
    default MetricsSnapshot snapshot() {
        return MetricsSnapshot.EMPTY;
    }

    /** Metrics that count nothing, for tests that do not look at them. */
    JournalMetrics NONE = new JournalMetrics() {
        public void batchWritten(String journalId, int txns, int bytes, long fsyncNanos) {}

        public void editsRead(String journalId, int txns, int bytes) {}

        public void requestFailed(String journalId, ErrorCode code) {}

        public void segmentFetched(String journalId, long bytes) {}
    };
}
