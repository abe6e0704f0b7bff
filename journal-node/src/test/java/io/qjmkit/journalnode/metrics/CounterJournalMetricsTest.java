package io.qjmkit.journalnode.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.protocol.message.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CounterJournalMetricsTest {
    @Test
    void countsPerJournalAndSumsNodeTotals() {
        CounterJournalMetrics m = new CounterJournalMetrics();
        m.batchWritten("a", 10, 1000, 200_000);
        m.batchWritten("a", 5, 500, 400_000);
        m.batchWritten("b", 1, 100, 1_000_000);
        m.editsRead("b", 7, 70);
        m.requestFailed("a", ErrorCode.EPOCH_FENCED);
        m.requestFailed("b", ErrorCode.EPOCH_FENCED);
        m.requestFailed("b", ErrorCode.GAP);
        m.segmentFetched("a", 4096);

        MetricsSnapshot s = m.snapshot();

        assertThat(s.journals().keySet()).containsExactly("a", "b");
        JournalCounts a = s.journals().get("a");
        assertThat(a.batchesWritten()).isEqualTo(2);
        assertThat(a.txnsWritten()).isEqualTo(15);
        assertThat(a.bytesWritten()).isEqualTo(1500);
        assertThat(a.segmentsFetched()).isEqualTo(1);
        assertThat(a.bytesFetched()).isEqualTo(4096);
        assertThat(a.failures()).isEqualTo(Map.of(ErrorCode.EPOCH_FENCED, 1L));
        JournalCounts node = s.node();
        assertThat(node.batchesWritten()).isEqualTo(3);
        assertThat(node.txnsWritten()).isEqualTo(16);
        assertThat(node.txnsRead()).isEqualTo(7);
        assertThat(node.bytesRead()).isEqualTo(70);
        assertThat(node.failures()).isEqualTo(Map.of(ErrorCode.EPOCH_FENCED, 2L, ErrorCode.GAP, 1L));
        assertThat(node.failureCount()).isEqualTo(3);
        assertThat(s.fsyncMicros().count()).isEqualTo(3);
        assertThat(s.fsyncMicros().max()).isEqualTo(1000);
        assertThat(s.fsyncMicros().p50()).isBetween(400L, 500L);
    }

    @Test
    void concurrentWritersLoseNoCounts() throws Exception {
        CounterJournalMetrics m = new CounterJournalMetrics();
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String journal = "j" + (t % 2);
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        m.batchWritten(journal, 2, 10, 1000);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        MetricsSnapshot s = m.snapshot();

        assertThat(s.node().batchesWritten()).isEqualTo((long) threads * perThread);
        assertThat(s.node().txnsWritten()).isEqualTo(2L * threads * perThread);
        assertThat(s.journals().get("j0").batchesWritten()).isEqualTo(2L * perThread);
        assertThat(s.fsyncMicros().count()).isEqualTo((long) threads * perThread);
    }

    @Test
    void noneMetricsReportEmptySnapshot() {
        JournalMetrics.NONE.batchWritten("a", 1, 1, 1);

        assertThat(JournalMetrics.NONE.snapshot()).isEqualTo(MetricsSnapshot.EMPTY);
    }
}
