package io.qjmkit.client.quorum;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a thread waits for the outcome of a {@link QuorumCall}: by blocking until another thread
 * decides it, or by doing the I/O that decides it itself.
 */
@FunctionalInterface
public interface Waiter {

    /** Blocks on the future; the answers arrive on other threads. */
    Waiter BLOCKING = (decided, timeoutMs) -> {
        try {
            decided.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // The caller reads the outcome from the future.
        }
    };

    /**
     * Returns once {@code decided} is complete.
     *
     * @throws TimeoutException when it is not complete after {@code timeoutMs}
     */
    void await(CompletableFuture<?> decided, long timeoutMs) throws InterruptedException, TimeoutException;
}
