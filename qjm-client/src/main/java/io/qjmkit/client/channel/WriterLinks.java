package io.qjmkit.client.channel;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.qjmkit.client.quorum.Waiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer connections of one journal and the selector they share. No thread is dedicated to
 * them: a thread waiting for a quorum ({@link #await}) polls the selector itself and so reads the
 * acks that decide its own call. One thread polls at a time; another waiter queues for the poll
 * lock (fair, and held for at most {@link #SLICE_NANOS} at a stretch) and finds its answers read
 * when it gets there. A sweep on an event loop every {@link #SWEEP_MS} ms reads what arrives while
 * nobody waits (late acks of the slowest node, answers to catch-up resends) and times out
 * connection attempts; it only ever tries the lock, so it never holds up a writer, and it does
 * nothing while no link is connected (a reader's journal never connects them).
 */
public final class WriterLinks implements Waiter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriterLinks.class);
    static final long SWEEP_MS = 10;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Selector selector;
    private final ReentrantLock pollLock = new ReentrantLock(true);
    private final List<WriterLink> links = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> sweep;
    private volatile Thread poller;

    /** Opens the selector; {@code timer} runs the sweep. */
    public WriterLinks(EventLoop timer) throws IOException {
        this.selector = Selector.open();
        this.sweep = timer.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    /** A writer connection to {@code node}; connects on its first call. */
    WriterLink link(InetSocketAddress node, int connectTimeoutMs) {
        WriterLink link = new WriterLink(node, this, connectTimeoutMs);
        links.add(link);
        return link;
    }

    SelectionKey register(SocketChannel socket, int ops, WriterLink.Connection connection)
            throws ClosedChannelException {
        SelectionKey key = socket.register(selector, ops, connection);
        interestChanged();
        return key;
    }

    /** A key changed outside a poll: wake the poller so its next select sees the change. */
    void interestChanged() {
        if (poller != Thread.currentThread()) {
            selector.wakeup();
        }
    }

    /**
     * Returns once {@code decided} is complete, reading and writing the links meanwhile whenever no
     * other thread does.
     */
    @Override
    public void await(CompletableFuture<?> decided, long timeoutMs) throws InterruptedException, TimeoutException {
        if (decided.isDone()) {
            return;
        }
        // Completed by a thread other than the poller (a Netty answer, a failure): end the select.
        decided.whenComplete((v, e) -> interestChanged());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!decided.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !pollLock.tryLock(left, TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
            try {
                poller = Thread.currentThread();
                long sliceEnd = Math.min(deadline, System.nanoTime() + SLICE_NANOS);
                while (!decided.isDone()) {
                    long rest = sliceEnd - System.nanoTime();
                    if (rest <= 0) {
                        break;
                    }
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    pollOnce(Math.max(1, TimeUnit.NANOSECONDS.toMillis(rest + 999_999)));
                }
            } catch (ClosedSelectorException | IOException e) {
                waitWithoutPolling(decided, deadline);
            } finally {
                poller = null;
                pollLock.unlock();
            }
        }
    }

    /** The selector is gone (the journal closed): every link failed its calls, or will. */
    private static void waitWithoutPolling(CompletableFuture<?> decided, long deadline)
            throws InterruptedException, TimeoutException {
        try {
            decided.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // The caller reads the outcome from the future.
        }
    }

    private void pollOnce(long timeoutMs) throws IOException {
        selector.select(key -> ((WriterLink.Connection) key.attachment()).onReady(key), timeoutMs);
        checkConnectDeadlines();
    }

    private void checkConnectDeadlines() {
        long now = System.nanoTime();
        for (WriterLink link : links) {
            link.checkConnectDeadline(now);
        }
    }

    private void sweep() {
        if (links.stream().noneMatch(WriterLink::isOpen) || !pollLock.tryLock()) {
            return;
        }
        try {
            poller = Thread.currentThread();
            selector.selectNow(key -> ((WriterLink.Connection) key.attachment()).onReady(key));
            checkConnectDeadlines();
        } catch (ClosedSelectorException | IOException e) {
            LOG.debug("Writer links: sweep after close: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("Writer links: a sweep failed: {}", e.toString(), e);
        } finally {
            poller = null;
            pollLock.unlock();
        }
    }

    /** Closes every link (failing what they have pending) and the selector. */
    @Override
    public void close() {
        sweep.cancel(false);
        for (WriterLink link : links) {
            link.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the writer links' selector: {}", e.toString());
        }
    }
}
