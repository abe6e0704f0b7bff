package io.qjmkit.client.channel;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.protocol.transport.JournalClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link JournalChannel} to one JournalNode over two connections. The writer's requests, which
 * the JournalNode must see in order (epoch, recovery, segments, batches, purge), go on the {@link
 * WriterLink}, written by the calling thread and answered to whichever thread polls the journal's
 * {@link WriterLinks}. Everything else (state, manifests, reads, tailing, format, upgrade) goes on
 * a {@link JournalClient} on an event loop, so a reader's long poll never delays a batch.
 *
 * <p>Serials are assigned and ordered requests written under this object's lock, which also
 * guards all catch-up state (the {@link SyncState}, the retained batches, the acked txid). Answers
 * take the lock to update it; nothing that holds it waits for an answer.
 */
public final class RemoteJournalChannel implements JournalChannel {
    private static final long FIRST_PROBE_DELAY_MS = 50;
    private static final long MAX_PROBE_DELAY_MS = 1000;

    private final String journalId;
    private final String address;
    private final EventLoop loop;
    private final JournalClient client;
    private final WriterLink writer;
    private final RetainedBatches retained;
    private final SyncTracker sync;

    private volatile long epoch;
    private volatile long committedTxId = -1;
    // Guarded by this:
    private long nextSerial;
    private long segmentTxId = -1;
    private int layoutVersion;
    private long lastSentTxId;
    private long generation;
    private long probeDelayMs = FIRST_PROBE_DELAY_MS;
    private ScheduledFuture<?> probe;
    private volatile long ackedTxId = -1;

    /**
     * A channel to {@code node}: its reader connection runs on {@code loop}, which also times the
     * catch-up probes; its writer connection belongs to {@code links}.
     */
    public RemoteJournalChannel(
            String journalId,
            InetSocketAddress node,
            EventLoop loop,
            WriterLinks links,
            int connectTimeoutMs,
            long catchupBytes) {
        this.journalId = journalId;
        this.address = node.getHostString() + ":" + node.getPort();
        this.loop = loop;
        this.client = new JournalClient(loop, node, connectTimeoutMs);
        this.writer = links.link(node, connectTimeoutMs);
        this.retained = new RetainedBatches(catchupBytes);
        this.sync = new SyncTracker(journalId, address);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    @Override
    public void setCommittedTxId(long txId) {
        this.committedTxId = txId;
    }

    /** The current catch-up state (for tests and reports). */
    public synchronized SyncState syncState() {
        return sync.state();
    }

    /** Under this object's lock. */
    private RequestInfo info() {
        return new RequestInfo(journalId, epoch, nextSerial++, committedTxId);
    }

    // ---- calls without ordering constraints go straight to the client ----

    @Override
    public CompletableFuture<Boolean> isFormatted() {
        return client.call(new Requests.IsFormatted(journalId), Responses.Bool.class)
                .thenApply(Responses.Bool::value);
    }

    @Override
    public CompletableFuture<Void> format(NamespaceMeta namespace, boolean force) {
        return empty(client.call(new Requests.Format(journalId, namespace, force), Responses.Empty.class));
    }

    @Override
    public CompletableFuture<Responses.JournalState> getJournalState() {
        return client.call(new Requests.GetJournalState(journalId), Responses.JournalState.class);
    }

    @Override
    public CompletableFuture<Responses.Manifest> getManifest(long sinceTxId, boolean inProgressOk) {
        return client.call(new Requests.GetManifest(journalId, sinceTxId, inProgressOk), Responses.Manifest.class);
    }

    @Override
    public CompletableFuture<Responses.Edits> readEdits(long segTxId, long fromTxId, long maxTxId, int maxBytes) {
        return client.call(
                new Requests.ReadEdits(journalId, segTxId, fromTxId, maxTxId, maxBytes), Responses.Edits.class);
    }

    @Override
    public CompletableFuture<Responses.Tail> tailEdits(long fromTxId, int maxBytes, int waitMs) {
        return client.call(new Requests.TailEdits(journalId, fromTxId, maxBytes, waitMs), Responses.Tail.class);
    }

    @Override
    public CompletableFuture<Void> discardSegments(long startTxId) {
        return empty(client.call(new Requests.DiscardSegments(journalId, startTxId), Responses.Empty.class));
    }

    @Override
    public CompletableFuture<Long> upgrade(
            Requests.UpgradeOp op, NamespaceMeta storage, NamespaceMeta previous, int targetLayoutVersion) {
        return client.call(
                        new Requests.Upgrade(journalId, op, storage, previous, targetLayoutVersion),
                        Responses.Value.class)
                .thenApply(Responses.Value::value);
    }

    // ---- ordered calls: on the writer connection, under the lock ----

    @Override
    public CompletableFuture<Responses.NewEpoch> newEpoch(NamespaceMeta namespace, long newEpoch) {
        return ordered(
                () -> writer.call(new Requests.NewEpoch(journalId, namespace, newEpoch), Responses.NewEpoch.class));
    }

    @Override
    public CompletableFuture<Responses.Prepared> prepareRecovery(long segTxId) {
        return ordered(() -> writer.call(new Requests.PrepareRecovery(info(), segTxId), Responses.Prepared.class));
    }

    @Override
    public CompletableFuture<Void> acceptRecovery(SegmentInfo segment, String sourceAddress, long sourceEpoch) {
        return empty(ordered(() -> writer.call(
                new Requests.AcceptRecovery(info(), segment, sourceAddress, sourceEpoch), Responses.Empty.class)));
    }

    @Override
    public CompletableFuture<Void> purge(long minTxIdToKeep) {
        return empty(ordered(() -> writer.call(new Requests.Purge(info(), minTxIdToKeep), Responses.Empty.class)));
    }

    @Override
    public CompletableFuture<Void> startSegment(long txId, int layoutVersion) {
        return ordered(() -> {
            cancelProbe();
            segmentTxId = txId;
            this.layoutVersion = layoutVersion;
            lastSentTxId = txId - 1;
            ackedTxId = txId - 1;
            retained.reset();
            generation++;
            sync.segmentStarted(txId);
            return sendStart(generation);
        });
    }

    @Override
    public CompletableFuture<Void> finalizeSegment(long startTxId, long endTxId) {
        return ordered(() -> {
            if (startTxId == segmentTxId) {
                cancelProbe();
                retained.drop();
                generation++;
                sync.segmentClosed();
                segmentTxId = -1;
            }
            return empty(writer.call(new Requests.FinalizeSegment(info(), startTxId, endTxId), Responses.Empty.class));
        });
    }

    @Override
    public CompletableFuture<Void> journal(Batch batch) {
        return ordered(() -> {
            if (!sync.acceptsBatches()) {
                return CompletableFuture.failedFuture(sync.notSending(batch));
            }
            lastSentTxId = batch.lastTxId();
            if (!retained.add(batch)) {
                sync.giveUp("it is more than " + retained.limitBytes() + " bytes behind (acked txid " + ackedTxId
                        + ", writer at txid " + batch.lastTxId() + "; raise " + "qjmkit.client.catchup-buffer.bytes)");
                return CompletableFuture.failedFuture(sync.notSending(batch));
            }
            if (sync.state() == SyncState.PROBING) {
                return CompletableFuture.failedFuture(sync.notSending(batch));
            }
            return sendJournal(batch, generation);
        });
    }

    // ---- catch-up ----

    private CompletableFuture<Void> sendStart(long gen) {
        CompletableFuture<Void> f = empty(
                writer.call(new Requests.StartSegment(info(), segmentTxId, layoutVersion), Responses.Empty.class));
        f.whenComplete((v, e) -> locked(() -> {
            if (e != null && gen == generation) {
                onWriteFailure(unwrap(e));
            }
        }));
        return f;
    }

    private CompletableFuture<Void> sendJournal(Batch b, long gen) {
        Requests.Journal req = new Requests.Journal(info(), segmentTxId, b.firstTxId(), b.numTxns(), b.records());
        CompletableFuture<Responses.Journaled> call = writer.call(req, Responses.Journaled.class);
        CompletableFuture<Void> result = new CompletableFuture<>();
        call.whenComplete((r, e) -> locked(() -> {
            if (e == null) {
                onJournaled(r.lastTxId());
                result.complete(null);
            } else {
                Throwable cause = unwrap(e);
                result.completeExceptionally(cause);
                if (gen == generation) {
                    onWriteFailure(cause);
                }
            }
        }));
        return result;
    }

    private void onJournaled(long lastTxId) {
        if (lastTxId > ackedTxId) {
            ackedTxId = lastTxId;
        }
        retained.ackedUpTo(ackedTxId);
        if (sync.state() == SyncState.CATCHING_UP && ackedTxId >= lastSentTxId) {
            sync.move(SyncState.IN_SYNC, "acked every txid up to " + ackedTxId);
        }
    }

    private void onWriteFailure(Throwable cause) {
        if (!sync.segmentOpen() || sync.state() == SyncState.GIVEN_UP) {
            return;
        }
        if (cause instanceof JournalException je) {
            if (je.code() == ErrorCode.EPOCH_FENCED) {
                generation++;
                sync.move(SyncState.FENCED, je.getMessage());
                return;
            }
            if (je.code() == ErrorCode.GAP) {
                resendFrom(je.detail() + 1, "it misses the txids after " + je.detail());
                return;
            }
        }
        startProbing(cause.getMessage());
    }

    private void resendFrom(long fromTxId, String why) {
        generation++;
        List<Batch> batches = retained.from(fromTxId, lastSentTxId);
        if (batches == null) {
            sync.giveUp(why + ", and txid " + fromTxId + " is no longer held (writer at txid " + lastSentTxId + ")");
            return;
        }
        if (batches.isEmpty()) {
            sync.move(SyncState.IN_SYNC, "it has every txid up to " + lastSentTxId);
            return;
        }
        sync.move(SyncState.CATCHING_UP, why + "; resending txids " + fromTxId + "-" + lastSentTxId);
        for (Batch b : batches) {
            sendJournal(b, generation);
        }
    }

    private void startProbing(String why) {
        generation++;
        if (sync.state() != SyncState.PROBING) {
            sync.move(SyncState.PROBING, why);
            probeDelayMs = FIRST_PROBE_DELAY_MS;
        }
        scheduleProbe();
    }

    private void scheduleProbe() {
        if (probe == null && !loop.isShuttingDown()) {
            long delay = probeDelayMs;
            probeDelayMs = Math.min(MAX_PROBE_DELAY_MS, probeDelayMs * 2);
            probe = loop.schedule(this::probe, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelProbe() {
        if (probe != null) {
            probe.cancel(false);
            probe = null;
        }
    }

    private synchronized void probe() {
        probe = null;
        if (sync.state() != SyncState.PROBING) {
            return;
        }
        long gen = generation;
        getJournalState()
                .whenComplete((st, e) -> locked(() -> {
                    if (gen != generation || sync.state() != SyncState.PROBING) {
                        return;
                    }
                    if (e != null) {
                        scheduleProbe();
                    } else {
                        onProbed(st);
                    }
                }));
    }

    private void onProbed(Responses.JournalState st) {
        if (st.lastPromisedEpoch() > epoch) {
            generation++;
            sync.move(SyncState.FENCED, "it promised epoch " + st.lastPromisedEpoch() + " > ours " + epoch);
            return;
        }
        SegmentInfo seg = st.currentSegment();
        if (seg != null && seg.startTxId() == segmentTxId && seg.inProgress()) {
            resendFrom(seg.endTxId() + 1, "it is back with segment " + seg);
        } else if (retained.fromSegmentStart() && (seg == null || seg.startTxId() < segmentTxId)) {
            generation++;
            sendStart(generation);
            resendFrom(segmentTxId, "it lacks segment " + segmentTxId + " (has " + seg + "), restarting it");
        } else {
            sync.giveUp("it holds " + seg + " instead of the open segment starting at " + segmentTxId);
        }
    }

    // ---- plumbing ----

    private <M> CompletableFuture<M> ordered(java.util.function.Supplier<CompletableFuture<M>> call) {
        CompletableFuture<M> sent;
        synchronized (this) {
            try {
                sent = call.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new IOException("JournalNode " + address + ": " + e, e));
            }
        }
        if (sent.isDone() && !sent.isCompletedExceptionally()) {
            return sent;
        }
        CompletableFuture<M> result = new CompletableFuture<>();
        sent.whenComplete((m, e) -> {
            if (e == null) {
                result.complete(m);
            } else {
                result.completeExceptionally(unwrap(e));
            }
        });
        return result;
    }

    private synchronized void locked(Runnable r) {
        r.run();
    }

    private static <M extends Message> CompletableFuture<Void> empty(CompletableFuture<M> f) {
        return f.thenApply(EMPTY);
    }

    private static final Function<Object, Void> EMPTY = m -> null;

    static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException
                        || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    @Override
    public synchronized String report() {
        return address + " " + sync.state() + " (acked txid " + ackedTxId + ")";
    }

    @Override
    public void close() {
        synchronized (this) {
            cancelProbe();
            generation++;
            retained.drop();
            sync.close();
        }
        writer.close();
        client.close();
    }

    @Override
    public String toString() {
        return address;
    }
}
