package io.qjmkit.client.channel;

import io.qjmkit.client.quorum.QuorumCall;
import io.qjmkit.client.quorum.Waiter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * All channels of one journal and the size of its majority. Sends one call to every JournalNode and
 * waits for a majority or for all of them; a call that throws is a failed answer, never an escape.
 */
public final class ChannelSet {
    private final List<JournalChannel> channels;
    private final int majority;
    private final Waiter waiter;

    public ChannelSet(List<? extends JournalChannel> channels) {
        this(channels, Waiter.BLOCKING);
    }

    /** Channels whose quorum calls are awaited the way {@code waiter} does. */
    public ChannelSet(List<? extends JournalChannel> channels, Waiter waiter) {
        this.waiter = waiter;
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no JournalNodes");
        }
        this.channels = List.copyOf(channels);
        this.majority = channels.size() / 2 + 1;
    }

    public List<JournalChannel> channels() {
        return channels;
    }

    public int size() {
        return channels.size();
    }

    public int majority() {
        return majority;
    }

    /** Sends {@code call} to every channel without waiting. */
    public <V> Map<JournalChannel, CompletableFuture<V>> send(Function<JournalChannel, CompletableFuture<V>> call) {
        Map<JournalChannel, CompletableFuture<V>> futures = new LinkedHashMap<>();
        for (JournalChannel c : channels) {
            CompletableFuture<V> f;
            try {
                f = call.apply(c);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(new IOException(c.address() + ": " + e, e));
            }
            futures.put(c, f);
        }
        return futures;
    }

    /** Sends to all and returns once a majority answered (with those answers). */
    public <V> Map<JournalChannel, V> majority(
            Function<JournalChannel, CompletableFuture<V>> call, long timeoutMs, String what) throws IOException {
        return QuorumCall.of(send(call), majority).await(timeoutMs, what, waiter);
    }

    /** Sends to all and returns once every node answered; fails if any failed. */
    public <V> Map<JournalChannel, V> all(
            Function<JournalChannel, CompletableFuture<V>> call, long timeoutMs, String what) throws IOException {
        return QuorumCall.of(send(call), channels.size()).await(timeoutMs, what, waiter);
    }

    public void setEpoch(long epoch) {
        for (JournalChannel c : channels) {
            c.setEpoch(epoch);
        }
    }

    public void setCommittedTxId(long txId) {
        for (JournalChannel c : channels) {
            c.setCommittedTxId(txId);
        }
    }

    public void close() {
        for (JournalChannel c : channels) {
            c.close();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (JournalChannel c : channels) {
            sb.append(sb.length() == 0 ? "" : ";").append(c.address());
        }
        return sb.toString();
    }
}
