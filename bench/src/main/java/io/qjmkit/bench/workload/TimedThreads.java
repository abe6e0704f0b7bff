package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the same operation on N threads for a warm-up period (not recorded) and then a measured
 * period, recording each operation's latency and counting completed operations. The first failure
 * of any thread fails the run: a benchmark that hides errors measures the wrong thing.
 */
final class TimedThreads {
    /** One operation of thread {@code thread}, call number {@code seq}. */
    interface Op {
        void run(int thread, long seq) throws Exception;
    }

    /** The merged latencies, completed operations and measured seconds. */
    record Result(LatencyRecorder latencies, long ops, double seconds) {
        double opsPerSecond() {
            return ops / seconds;
        }
    }

    private TimedThreads() {}

    static Result run(String name, int threads, Durations d, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            long start = System.nanoTime();
            long measureFrom = start + d.warmup().toNanos();
            long end = measureFrom + d.measure().toNanos();
            List<Future<LatencyRecorder>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> loop(thread, measureFrom, end, op)));
            }
            LatencyRecorder all = new LatencyRecorder();
            for (Future<LatencyRecorder> f : futures) {
                all.addAll(f.get(d.warmup().toSeconds() + d.measure().toSeconds() + 120, TimeUnit.SECONDS));
            }
            return new Result(all, all.count(), (end - measureFrom) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static LatencyRecorder loop(int thread, long measureFrom, long end, Op op) throws Exception {
        LatencyRecorder rec = new LatencyRecorder();
        long seq = 0;
        while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
                return rec;
            }
            op.run(thread, seq++);
            long t1 = System.nanoTime();
            // Count only operations that both started and finished inside the measured window.
            if (t0 >= measureFrom && t1 <= end) {
                rec.record(t1 - t0);
            }
        }
    }
}
