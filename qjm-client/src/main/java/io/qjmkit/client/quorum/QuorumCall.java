package io.qjmkit.client.quorum;

import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * One request sent to every JournalNode, awaited until {@code required} of them succeeded. It ends
 * early when too many failed for that to be possible, so a dead majority is reported at once
 * rather than after the timeout.
 *
 * @param <K> the JournalNode (its {@code toString} names it in messages)
 * @param <V> the answer
 */
public final class QuorumCall<K, V> {
    private final List<K> nodes;
    private final List<CompletableFuture<V>> futures;
    private final int required;
    private final CompletableFuture<Void> decided = new CompletableFuture<>();
    private int successes;
    private int failures;

    private QuorumCall(Map<K, CompletableFuture<V>> calls, int required) {
        if (required < 1 || required > calls.size()) {
            throw new IllegalArgumentException("need between 1 and " + calls.size() + " answers, not " + required);
        }
        this.nodes = List.copyOf(calls.keySet());
        this.futures = List.copyOf(calls.values());
        this.required = required;
        for (CompletableFuture<V> f : futures) {
            f.whenComplete((v, e) -> record(e == null));
        }
    }

    /** Waits on {@code calls} (in the map's iteration order) until {@code required} succeeded. */
    public static <K, V> QuorumCall<K, V> of(Map<K, CompletableFuture<V>> calls, int required) {
        return new QuorumCall<>(calls, required);
    }

    private void record(boolean ok) {
        boolean done;
        synchronized (this) {
            if (ok) {
                successes++;
            } else {
                failures++;
            }
            done = successes >= required || failures > nodes.size() - required;
        }
        if (done) {
            decided.complete(null);
        }
    }

    /**
     * Blocks until the outcome is known. Returns the answers of the nodes that succeeded by then (at
     * least {@code required}, in node order).
     *
     * @throws QuorumException when too few succeeded or the time ran out, listing each node
     */
    public Map<K, V> await(long timeoutMs, String what) throws IOException {
        return await(timeoutMs, what, Waiter.BLOCKING);
    }

    /** The same, waiting the way {@code waiter} does. */
    public Map<K, V> await(long timeoutMs, String what, Waiter waiter) throws IOException {
        boolean timedOut = false;
        try {
            waiter.await(decided, timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted waiting for " + what);
            ie.initCause(e);
            throw ie;
        } catch (TimeoutException e) {
            timedOut = true;
        }
        Map<K, V> answers = new LinkedHashMap<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        Throwable firstFailure = null;
        boolean fenced = false;
        for (int i = 0; i < nodes.size(); i++) {
            CompletableFuture<V> f = futures.get(i);
            String name = String.valueOf(nodes.get(i));
            if (!f.isDone()) {
                outcomes.put(name, timedOut ? "no answer after " + timeoutMs + " ms" : "no answer yet");
            } else if (f.isCompletedExceptionally()) {
                Throwable t = failure(f);
                fenced |= t instanceof JournalException je && je.code() == ErrorCode.EPOCH_FENCED;
                outcomes.put(name, describe(t));
                if (firstFailure == null) {
                    firstFailure = t;
                }
            } else {
                answers.put(nodes.get(i), f.getNow(null));
                outcomes.put(name, "ok");
            }
        }
        if (answers.size() >= required) {
            return answers;
        }
        String message = (timedOut ? "Timed out after " + timeoutMs + " ms waiting for " : "Could not get ")
                + required + " of " + nodes.size() + " JournalNodes to answer " + what + " (" + answers.size()
                + " succeeded)"
                + (fenced ? "; another writer has fenced this one, so it must stop" : "") + ": "
                + format(outcomes);
        throw new QuorumException(message, outcomes, firstFailure);
    }

    /** Marks calls that have not answered yet as abandoned; late answers are ignored. */
    public void cancelPending() {
        for (CompletableFuture<V> f : futures) {
            f.cancel(false);
        }
    }

    static Throwable failure(CompletableFuture<?> f) {
        try {
            f.join();
            return new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    static String describe(Throwable t) {
        if (t instanceof CancellationException) {
            return "abandoned";
        }
        String m = t.getMessage();
        return m == null || m.isEmpty() ? t.getClass().getSimpleName() : m;
    }

    private static String format(Map<String, String> outcomes) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : outcomes.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append(": ").append(e.getValue());
        }
        return sb.toString();
    }
}
