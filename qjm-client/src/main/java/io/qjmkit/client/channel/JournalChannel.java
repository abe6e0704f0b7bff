package io.qjmkit.client.channel;

import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.Closeable;
import java.util.concurrent.CompletableFuture;

/**
 * The writer's and reader's view of one JournalNode: every call is asynchronous, state-changing
 * calls reach the node in the order they were made, and every answer is a future that fails with
 * an {@link java.io.IOException} naming the node.
 */
public interface JournalChannel extends Closeable {

    /** {@code host:port} of the JournalNode, as peers can reach it. */
    String address();

    /** Sets the writer epoch stamped on the following requests. */
    void setEpoch(long epoch);

    /** Sets the highest txid known to be durable on a majority. */
    void setCommittedTxId(long txId);

    CompletableFuture<Boolean> isFormatted();

    CompletableFuture<Void> format(NamespaceMeta namespace, boolean force);

    CompletableFuture<Responses.JournalState> getJournalState();

    CompletableFuture<Responses.NewEpoch> newEpoch(NamespaceMeta namespace, long epoch);

    CompletableFuture<Void> startSegment(long txId, int layoutVersion);

    CompletableFuture<Void> finalizeSegment(long startTxId, long endTxId);

    /** Appends a batch to the open segment; answered once it is durable on the node. */
    CompletableFuture<Void> journal(Batch batch);

    CompletableFuture<Responses.Manifest> getManifest(long sinceTxId, boolean inProgressOk);

    CompletableFuture<Responses.Edits> readEdits(long segmentTxId, long fromTxId, long maxTxId, int maxBytes);

    /**
     * A tailing reader's long poll for the durable ops from {@code fromTxId} on; answered at once
     * when the node holds some, else when it does or after {@code waitMs}.
     */
    CompletableFuture<Responses.Tail> tailEdits(long fromTxId, int maxBytes, int waitMs);

    CompletableFuture<Responses.Prepared> prepareRecovery(long segmentTxId);

    /** Paxos phase 2; {@code sourceEpoch} is the epoch the chosen copy dates from. */
    CompletableFuture<Void> acceptRecovery(SegmentInfo segment, String sourceAddress, long sourceEpoch);

    CompletableFuture<Void> purge(long minTxIdToKeep);

    CompletableFuture<Void> discardSegments(long startTxId);

    CompletableFuture<Long> upgrade(
            Requests.UpgradeOp op, NamespaceMeta storage, NamespaceMeta previous, int targetLayoutVersion);

    /** One line on how far this node is and whether it is in sync, for the NameNode's reports. */
    String report();

    @Override
    void close();
}
