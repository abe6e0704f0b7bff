package io.qjmkit.journalnode.server;

import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Long polls of tailing readers. A tail read that finds nothing new is parked until a mutation of
 * its journal completes ({@link #wake}) or its wait runs out, so a standby learns of new edits one
 * network hop after they became durable here, instead of polling manifests in a loop.
 *
 * <p>A waiter is answered exactly once: whoever {@linkplain Parked#claim claims} it (a wake that
 * found edits, the timer, or a failure) sends the answer. Parking happens before the second look,
 * so an append that lands between the first look and parking is never missed.
 */
final class TailWaiters {
    /** Upper bound on a requested wait, so a parked request never outlives a reader's patience. */
    static final int MAX_WAIT_MS = 10_000;

    /** Where the answer of one tail read goes. */
    interface Reply {
        void send(Message answer);

        void fail(Throwable cause);
    }

    private final ConcurrentHashMap<String, Queue<Parked>> parked = new ConcurrentHashMap<>();

    /**
     * Answers {@code req} now when there is something to read (or no wait was asked for),
     * otherwise parks it; {@code timers} runs its timeout.
     */
    void serve(Journal journal, Requests.TailEdits req, Reply reply, ScheduledExecutorService timers) throws Exception {
        Responses.Tail now = journal.tail(req);
        if (now != null || req.waitMs() <= 0) {
            reply.send(now != null ? now : journal.tailNothingNew(req));
            return;
        }
        Parked p = new Parked(journal, req, reply);
        Queue<Parked> q = parked.computeIfAbsent(req.journalId(), id -> new ConcurrentLinkedQueue<>());
        q.add(p);
        p.timer = timers.schedule(() -> expire(q, p), Math.min(req.waitMs(), MAX_WAIT_MS), TimeUnit.MILLISECONDS);
        if (p.retry()) {
            q.remove(p);
        }
    }

    /** A mutation of {@code journalId} completed: answer every parked read that can now be served. */
    void wake(String journalId) {
        Queue<Parked> q = parked.get(journalId);
        if (q == null || q.isEmpty()) {
            return;
        }
        for (Iterator<Parked> it = q.iterator(); it.hasNext(); ) {
            if (it.next().retry()) {
                it.remove();
            }
        }
    }

    /** Reads parked now (for tests and status). */
    int parkedCount() {
        return parked.values().stream().mapToInt(Queue::size).sum();
    }

    private static void expire(Queue<Parked> q, Parked p) {
        q.remove(p);
        if (p.claim()) {
            try {
                p.reply.send(p.journal.tailNothingNew(p.req));
            } catch (Exception e) {
                p.reply.fail(e);
            }
        }
    }

    /** One parked tail read. */
    private static final class Parked {
        private final Journal journal;
        private final Requests.TailEdits req;
        private final Reply reply;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;

        Parked(Journal journal, Requests.TailEdits req, Reply reply) {
            this.journal = journal;
            this.req = req;
            this.reply = reply;
        }

        boolean claim() {
            return answered.compareAndSet(false, true);
        }

        /** Looks again; true when this waiter is done (answered now or before). */
        boolean retry() {
            if (answered.get()) {
                return true;
            }
            Responses.Tail t;
            try {
                t = journal.tail(req);
            } catch (Exception e) {
                if (claim()) {
                    cancelTimer();
                    reply.fail(e);
                }
                return true;
            }
            if (t == null) {
                return false;
            }
            if (claim()) {
                cancelTimer();
                reply.send(t);
            }
            return true;
        }

        private void cancelTimer() {
            ScheduledFuture<?> f = timer;
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
