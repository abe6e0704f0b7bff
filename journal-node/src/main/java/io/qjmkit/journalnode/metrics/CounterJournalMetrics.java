package io.qjmkit.journalnode.metrics;

import io.qjmkit.protocol.message.ErrorCode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link JournalMetrics} on {@link LongAdder}s: recording never takes a lock (after a journal's
 * first event creates its counters) and never blocks the write path. Node totals are the sum of
 * the per-journal counters, computed at snapshot time.
 */
public final class CounterJournalMetrics implements JournalMetrics {
    private final ConcurrentMap<String, Counters> journals = new ConcurrentHashMap<>();
    private final LogBucketHistogram fsyncMicros = new LogBucketHistogram();
    private final LogBucketHistogram journalServiceMicros = new LogBucketHistogram();

    @Override
    public void batchWritten(String journalId, int txns, int bytes, long fsyncNanos) {
        Counters c = countersOf(journalId);
        c.batchesWritten.increment();
        c.txnsWritten.add(txns);
        c.bytesWritten.add(bytes);
        fsyncMicros.record((fsyncNanos + 999) / 1000);
    }

    @Override
    public void journalServed(long nanos) {
        journalServiceMicros.record((nanos + 999) / 1000);
    }

    @Override
    public void editsRead(String journalId, int txns, int bytes) {
        Counters c = countersOf(journalId);
        c.txnsRead.add(txns);
        c.bytesRead.add(bytes);
    }

    @Override
    public void requestFailed(String journalId, ErrorCode code) {
        countersOf(journalId)
                .failures
                .get(code == null ? ErrorCode.INTERNAL : code)
                .increment();
    }

    @Override
    public void segmentFetched(String journalId, long bytes) {
        Counters c = countersOf(journalId);
        c.segmentsFetched.increment();
        c.bytesFetched.add(bytes);
    }

    @Override
    public MetricsSnapshot snapshot() {
        Map<String, JournalCounts> perJournal = new HashMap<>();
        journals.forEach((id, counters) -> perJournal.put(id, counters.snapshot()));
        return new MetricsSnapshot(
                sum(perJournal.values()), perJournal, fsyncMicros.summary(), journalServiceMicros.summary());
    }

    private Counters countersOf(String journalId) {
        // A journal id from a malformed request can be null; count it rather than fail the caller.
        String key = journalId == null ? "" : journalId;
        Counters c = journals.get(key);
        return c != null ? c : journals.computeIfAbsent(key, k -> new Counters());
    }

    private static JournalCounts sum(Iterable<JournalCounts> all) {
        long[] t = new long[7];
        Map<ErrorCode, Long> failures = new EnumMap<>(ErrorCode.class);
        for (JournalCounts c : all) {
            t[0] += c.batchesWritten();
            t[1] += c.txnsWritten();
            t[2] += c.bytesWritten();
            t[3] += c.txnsRead();
            t[4] += c.bytesRead();
            t[5] += c.segmentsFetched();
            t[6] += c.bytesFetched();
            c.failures().forEach((code, n) -> failures.merge(code, n, Long::sum));
        }
        return new JournalCounts(t[0], t[1], t[2], t[3], t[4], t[5], t[6], failures);
    }

    /** The live counters of one journal. */
    private static final class Counters {
        final LongAdder batchesWritten = new LongAdder();
        final LongAdder txnsWritten = new LongAdder();
        final LongAdder bytesWritten = new LongAdder();
        final LongAdder txnsRead = new LongAdder();
        final LongAdder bytesRead = new LongAdder();
        final LongAdder segmentsFetched = new LongAdder();
        final LongAdder bytesFetched = new LongAdder();
        final Map<ErrorCode, LongAdder> failures = new EnumMap<>(ErrorCode.class);

        Counters() {
            for (ErrorCode code : ErrorCode.values()) {
                failures.put(code, new LongAdder());
            }
        }

        JournalCounts snapshot() {
            Map<ErrorCode, Long> seen = new EnumMap<>(ErrorCode.class);
            failures.forEach((code, adder) -> {
                long n = adder.sum();
                if (n > 0) {
                    seen.put(code, n);
                }
            });
            return new JournalCounts(
                    batchesWritten.sum(),
                    txnsWritten.sum(),
                    bytesWritten.sum(),
                    txnsRead.sum(),
                    bytesRead.sum(),
                    segmentsFetched.sum(),
                    bytesFetched.sum(),
                    seen);
        }
    }
}
