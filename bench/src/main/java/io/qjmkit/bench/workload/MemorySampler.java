package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.HostLoad;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Samples the resident memory (VmRSS) of a set of processes every 100 ms while a workload runs and
 * keeps each one's maximum.
 */
public final class MemorySampler implements AutoCloseable {
    private final List<Long> pids;
    private final AtomicLongArray maxKib;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    public MemorySampler(HostLoad host, List<Long> pids) {
        this.pids = List.copyOf(pids);
        this.maxKib = new AtomicLongArray(pids.size());
        timer.scheduleAtFixedRate(
                () -> {
                    for (int i = 0; i < this.pids.size(); i++) {
                        long kib = host.residentKib(this.pids.get(i));
                        maxKib.accumulateAndGet(i, kib, Math::max);
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
    }

    /** The highest RSS any of the processes reached, in MiB. */
    public double maxMib() {
        long max = 0;
        for (int i = 0; i < maxKib.length(); i++) {
            max = Math.max(max, maxKib.get(i));
        }
        return max / 1024.0;
    }

    /** The mean over processes of each one's highest RSS, in MiB. */
    public double meanOfMaxMib() {
        long sum = 0;
        for (int i = 0; i < maxKib.length(); i++) {
            sum += maxKib.get(i);
        }
        return maxKib.length() == 0 ? 0 : sum / 1024.0 / maxKib.length();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
