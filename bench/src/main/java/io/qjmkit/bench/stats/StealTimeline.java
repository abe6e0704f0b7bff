package io.qjmkit.bench.stats;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The machine's CPU steal over a stretch of a benchmark, read every few milliseconds on a daemon
 * thread, so that a single slow sample can be checked against it afterwards: on a shared virtual
 * machine the hypervisor sometimes runs another guest on our cores for several milliseconds, and
 * every thread of ours then stops at once without any of them waiting in our run queue. Linux
 * counts steal in clock ticks (10 ms), so a reading says whether such a stall happened near a
 * sample and roughly how long it was, not its exact edges.
 */
public final class StealTimeline implements AutoCloseable {
    private static final double MILLIS_PER_TICK = 1000.0 / HostLoad.TICKS_PER_SECOND;

    private final LongSupplier stealTicks;
    private long[] nanos = new long[1024];
    private long[] ticks = new long[1024];
    private int size;
    private volatile boolean running = true;
    private final Thread sampler;

    StealTimeline(LongSupplier stealTicks, Duration every, boolean start) {
        this.stealTicks = stealTicks;
        long periodNanos = every.toNanos();
        this.sampler = new Thread(
                () -> {
                    while (running) {
                        read();
                        LockSupport.parkNanos(periodNanos);
                    }
                },
                "steal-sampler");
        sampler.setDaemon(true);
        if (start) {
            sampler.start();
        }
    }

    /** Starts reading the host's steal (summed over its CPUs) every {@code every}. */
    public static StealTimeline start(HostLoad host, Duration every) {
        return new StealTimeline(() -> host.cpuTimes().steal(), every, true);
    }

    /** Takes one reading now (the sampler's step). */
    void read() {
        long now = System.nanoTime();
        record(now, stealTicks.getAsLong());
    }

    /** Records a reading taken at {@code atNanos} (for tests). */
    synchronized void record(long atNanos, long stealTicks) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
            ticks = Arrays.copyOf(ticks, size * 2);
        }
        nanos[size] = atNanos;
        ticks[size] = stealTicks;
        size++;
    }

    /**
     * Steal in milliseconds between the last reading at or before {@code fromNanos} and the first at
     * or after {@code toNanos}; -1 when the readings do not cover the stretch.
     */
    public synchronized double stealMillisAround(long fromNanos, long toNanos) {
        int before = -1;
        int after = -1;
        for (int i = 0; i < size; i++) {
            if (nanos[i] - fromNanos <= 0) {
                before = i;
            }
            if (after < 0 && nanos[i] - toNanos >= 0) {
                after = i;
            }
        }
        if (before < 0 || after < 0) {
            return -1;
        }
        return (ticks[after] - ticks[before]) * MILLIS_PER_TICK;
    }

    /** Stops the sampler after one last reading, so stretches up to now are covered. */
    @Override
    public void close() {
        if (running) {
            running = false;
            LockSupport.unpark(sampler);
            try {
                sampler.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            read();
        }
    }
}
