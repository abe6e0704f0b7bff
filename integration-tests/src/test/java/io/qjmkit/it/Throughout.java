package io.qjmkit.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * Checks that a condition holds at every poll of a whole observation window: the "nothing happens"
 * assertions (no failover, no promotion) that an eventually-style wait cannot express.
 */
final class Throughout {
    private Throughout() {}

    /**
     * Polls {@code condition} every 250 ms for {@code window} and fails with the first poll at which
     * it was false.
     */
    static void holds(String what, Duration window, Callable<Boolean> condition) {
        long start = System.nanoTime();
        AtomicReference<String> violation = new AtomicReference<>();
        Awaitility.await(what)
                .atMost(window.plusSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                    if (!condition.call()) {
                        violation.compareAndSet(null, "after " + elapsedMs + " ms");
                        return true;
                    }
                    return elapsedMs >= window.toMillis();
                });
        if (violation.get() != null) {
            throw new AssertionError("expected throughout " + window.toMillis() + " ms: " + what
                    + ", but it did not hold " + violation.get());
        }
    }
}
