package io.qjmkit.client.sim;

import io.qjmkit.client.channel.Batch;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.util.concurrent.CompletableFuture;

/**
 * A writer's {@link JournalChannel} to one {@link SimNode} over the {@link SimNetwork}: stamps each
 * ordered request with the epoch, a serial and the commit point as the real channel does, and
 * keeps them in order. It has none of the real channel's catch-up: a lagging node stays behind
 * until the next segment, which the protocol must tolerate.
 */
final class SimChannel implements JournalChannel {
    private final SimNetwork network;
    private final SimNetwork.Queue queue;
    private final String journalId;
    private long epoch;
    private long committedTxId = -1;
    private long nextSerial;
    private long segmentTxId = -1;

    SimChannel(SimNetwork network, SimNode node, String journalId) {
        this.network = network;
        this.queue = network.connect(node);
        this.journalId = journalId;
    }

    private RequestInfo info() {
        return new RequestInfo(journalId, epoch, nextSerial++, committedTxId);
    }

    private <M extends Message> CompletableFuture<M> call(Request request, Class<M> type) {
        return network.send(queue, request).thenApply(type::cast);
    }

    private CompletableFuture<Void> empty(Request request) {
        return call(request, Responses.Empty.class).thenApply(m -> null);
    }

    @Override
    public String address() {
        return queue.node().address();
    }

    @Override
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    @Override
    public void setCommittedTxId(long txId) {
        this.committedTxId = txId;
    }

    @Override
    public CompletableFuture<Boolean> isFormatted() {
        return call(new Requests.IsFormatted(journalId), Responses.Bool.class).thenApply(Responses.Bool::value);
    }

    @Override
    public CompletableFuture<Void> format(NamespaceMeta namespace, boolean force) {
        return empty(new Requests.Format(journalId, namespace, force));
    }

    @Override
    public CompletableFuture<Responses.JournalState> getJournalState() {
        return call(new Requests.GetJournalState(journalId), Responses.JournalState.class);
    }

    @Override
    public CompletableFuture<Responses.NewEpoch> newEpoch(NamespaceMeta namespace, long newEpoch) {
        return call(new Requests.NewEpoch(journalId, namespace, newEpoch), Responses.NewEpoch.class);
    }

    @Override
    public CompletableFuture<Void> startSegment(long txId, int layoutVersion) {
        segmentTxId = txId;
        return empty(new Requests.StartSegment(info(), txId, layoutVersion));
    }

    @Override
    public CompletableFuture<Void> finalizeSegment(long startTxId, long endTxId) {
        return empty(new Requests.FinalizeSegment(info(), startTxId, endTxId));
    }

    @Override
    public CompletableFuture<Void> journal(Batch b) {
        return call(
                        new Requests.Journal(info(), segmentTxId, b.firstTxId(), b.numTxns(), b.records()),
                        Responses.Journaled.class)
                .thenApply(m -> null);
    }

    @Override
    public CompletableFuture<Responses.Manifest> getManifest(long sinceTxId, boolean inProgressOk) {
        return call(new Requests.GetManifest(journalId, sinceTxId, inProgressOk), Responses.Manifest.class);
    }

    @Override
    public CompletableFuture<Responses.Edits> readEdits(long segTxId, long fromTxId, long maxTxId, int maxBytes) {
        return call(new Requests.ReadEdits(journalId, segTxId, fromTxId, maxTxId, maxBytes), Responses.Edits.class);
    }

    @Override
    public CompletableFuture<Responses.Tail> tailEdits(long fromTxId, int maxBytes, int waitMs) {
        return call(new Requests.TailEdits(journalId, fromTxId, maxBytes, waitMs), Responses.Tail.class);
    }

    @Override
    public CompletableFuture<Responses.Prepared> prepareRecovery(long segmentTxId) {
        return call(new Requests.PrepareRecovery(info(), segmentTxId), Responses.Prepared.class);
    }

    @Override
    public CompletableFuture<Void> acceptRecovery(SegmentInfo segment, String sourceAddress, long sourceEpoch) {
        return empty(new Requests.AcceptRecovery(info(), segment, sourceAddress, sourceEpoch));
    }

    @Override
    public CompletableFuture<Void> purge(long minTxIdToKeep) {
        return empty(new Requests.Purge(info(), minTxIdToKeep));
    }

    @Override
    public CompletableFuture<Void> discardSegments(long startTxId) {
        return empty(new Requests.DiscardSegments(journalId, startTxId));
    }

    @Override
    public CompletableFuture<Long> upgrade(
            Requests.UpgradeOp op, NamespaceMeta storage, NamespaceMeta previous, int targetLayoutVersion) {
        return call(new Requests.Upgrade(journalId, op, storage, previous, targetLayoutVersion), Responses.Value.class)
                .thenApply(Responses.Value::value);
    }

    @Override
    public String report() {
        return address() + " (simulated, epoch " + epoch + ")";
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return address();
    }
}
