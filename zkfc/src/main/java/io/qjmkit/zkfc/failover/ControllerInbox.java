package io.qjmkit.zkfc.failover;

import io.qjmkit.zkfc.target.NameNodeRef;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hadoop.ha.ServiceFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a failover controller decides on. Every input is queued here and runs in arrival
 * order; a step that throws is logged with the controller's state, and neither kills the thread
 * nor vanishes. Once the executor has stopped, inputs are dropped and calls fail.
 */
final class ControllerInbox {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerInbox.class);

    private final NameNodeRef local;
    private final ScheduledExecutorService executor;
    private final Supplier<ControllerState> state;

    /** A step that answers its caller, or fails it. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    ControllerInbox(NameNodeRef local, ScheduledExecutorService executor, Supplier<ControllerState> state) {
        this.local = local;
        this.executor = executor;
        this.state = state;
    }

    /** Queues {@code task}; false when the controller's executor has stopped. */
    boolean submit(Runnable task) {
        try {
            executor.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("[{}] controller executor stopped; dropping an input", local);
            return false;
        }
    }

    /** Runs {@code body} on the controller thread; its outcome completes the future. */
    <T> CompletableFuture<T> call(Step<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean queued = submit(() -> {
            try {
                result.complete(body.run());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        if (!queued) {
            result.completeExceptionally(new ServiceFailedException("failover controller of " + local + " is stopped"));
        }
        return result;
    }

    /** Runs {@code task} on the controller thread in {@code millis} ms. */
    ScheduledFuture<?> schedule(Runnable task, long millis) {
        return executor.schedule(guarded(task), millis, TimeUnit.MILLISECONDS);
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("[{}] controller step failed in state {}: {}", local, state.get(), e.toString(), e);
            }
        };
    }
}
