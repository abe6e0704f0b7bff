package io.qjmkit.testkit.process;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for a condition of the process fixtures by polling it at a fixed interval, so that the
 * fixtures need no test library at run time (the benchmark uses them outside a test). A condition
 * that throws fails the wait at once; a wait that runs out fails with what was awaited.
 */
public final class Poll {
    private Poll() {}

    /** Thrown when a condition did not become true in time. */
    public static final class TimeoutError extends AssertionError {
        TimeoutError(String message) {
            super(message);
        }
    }

    /**
     * Polls {@code condition} every {@code interval} until it is true; fails with {@link TimeoutError}
     * naming {@code what} after {@code timeout}.
     */
    public static void until(String what, Duration timeout, Duration interval, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new TimeoutError("'" + what + "' not reached within " + timeout);
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for '" + what + "'", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("condition '" + what + "' failed: " + e, e);
        }
    }
}
