package io.qjmkit.zkfc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on a manual clock: nothing runs until the test calls {@link
 * #runUntilIdle()} or {@link #advance(long)}, and then everything runs on the test's thread in
 * time order, so controller tests are deterministic and take no wall-clock time.
 */
public final class DeterministicScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nowMs;
    private long sequence;
    private boolean shutdown;

    public synchronized long nowMs() {
        return nowMs;
    }

    /** Runs every task due now, including tasks those tasks schedule for now. */
    public void runUntilIdle() {
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.atMs > nowMs) {
                    return;
                }
                queue.poll();
            }
            next.run();
        }
    }

    /** Moves the clock forward by {@code ms}, running due tasks at their own times. */
    public void advance(long ms) {
        long target;
        synchronized (this) {
            target = nowMs + ms;
        }
        while (true) {
            runUntilIdle();
            synchronized (this) {
                Task<?> next = queue.peek();
                if (next == null || next.atMs > target) {
                    nowMs = target;
                    break;
                }
                nowMs = next.atMs;
            }
        }
        runUntilIdle();
    }

    /** Tasks waiting (for tests that check nothing was scheduled). */
    public synchronized int pending() {
        return queue.size();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(Executors.callable(command), unit.toMillis(delay)));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, unit.toMillis(delay)));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the controller");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the controller");
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    private synchronized <V> Task<V> enqueue(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("scheduler shut down");
        }
        task.atMs = nowMs + Math.max(0, task.delayMs);
        task.seq = sequence++;
        queue.add(task);
        return task;
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long delayMs;
        private long atMs;
        private long seq;

        Task(Callable<V> callable, long delayMs) {
            super(callable);
            this.delayMs = delayMs;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (DeterministicScheduler.this) {
                queue.remove(this);
            }
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atMs - nowMs(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> o = (Task<?>) other;
            return atMs != o.atMs ? Long.compare(atMs, o.atMs) : Long.compare(seq, o.seq);
        }

        @Override
        public void run() {
            super.run();
            try {
                if (isDone() && !isCancelled()) {
                    get();
                }
            } catch (Exception e) {
                throw new AssertionError("scheduled task failed", e);
            }
        }
    }
}
