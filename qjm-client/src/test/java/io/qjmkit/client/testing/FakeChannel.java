package io.qjmkit.client.testing;

import io.qjmkit.client.channel.Batch;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory JournalNode behind the {@link JournalChannel} interface for unit tests: it stores
 * journaled batches of one segment and serves them back through READ_EDITS; {@link #down} makes
 * every call fail.
 */
public class FakeChannel implements JournalChannel {
    public final String address;
    public final List<Batch> journaled = new ArrayList<>();
    public final List<SegmentInfo> segments = new ArrayList<>();
    public final AtomicInteger readCalls = new AtomicInteger();
    public final AtomicInteger tailCalls = new AtomicInteger();
    public volatile long writerEpoch = 1;
    public volatile boolean tailServed = true;
    public volatile boolean down;
    public volatile boolean hang;
    public long committed = -1;
    private final ByteArrayOutputStream ops = new ByteArrayOutputStream();
    private long segmentStart = -1;
    private long lastTxId = -1;

    public FakeChannel(String address) {
        this.address = address;
    }

    /** Stores {@code framed} as segment [first, last] (finalized or not). */
    public FakeChannel holding(long first, long last, boolean inProgress, byte[] framed) {
        segmentStart = first;
        lastTxId = last;
        ops.reset();
        ops.writeBytes(framed);
        segments.add(new SegmentInfo(first, last, inProgress));
        return this;
    }

    private <T> CompletableFuture<T> answer(T value) {
        if (hang) {
            return new CompletableFuture<>();
        }
        return down
                ? CompletableFuture.failedFuture(new IOException("cannot connect to JournalNode " + address))
                : CompletableFuture.completedFuture(value);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void setEpoch(long epoch) {}

    @Override
    public void setCommittedTxId(long txId) {
        committed = txId;
    }

    @Override
    public CompletableFuture<Boolean> isFormatted() {
        return answer(true);
    }

    @Override
    public CompletableFuture<Void> format(NamespaceMeta namespace, boolean force) {
        return answer(null);
    }

    @Override
    public CompletableFuture<Responses.JournalState> getJournalState() {
        return answer(new Responses.JournalState(0, 0, committed, null));
    }

    @Override
    public CompletableFuture<Responses.NewEpoch> newEpoch(NamespaceMeta namespace, long epoch) {
        return answer(new Responses.NewEpoch(null));
    }

    @Override
    public CompletableFuture<Void> startSegment(long txId, int layoutVersion) {
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> finalizeSegment(long startTxId, long endTxId) {
        return answer(null);
    }

    @Override
    public synchronized CompletableFuture<Void> journal(Batch batch) {
        if (!down && !hang) {
            journaled.add(batch);
        }
        return answer(null);
    }

    @Override
    public CompletableFuture<Responses.Manifest> getManifest(long sinceTxId, boolean inProgressOk) {
        return answer(new Responses.Manifest(List.copyOf(segments), committed, writerEpoch));
    }

    @Override
    public CompletableFuture<Responses.Edits> readEdits(long segTxId, long fromTxId, long maxTxId, int maxBytes) {
        readCalls.incrementAndGet();
        return answer(chunk(fromTxId, maxTxId, maxBytes));
    }

    @Override
    public CompletableFuture<Responses.Tail> tailEdits(long fromTxId, int maxBytes, int waitMs) {
        tailCalls.incrementAndGet();
        Responses.Edits e = chunk(fromTxId, Long.MAX_VALUE, maxBytes);
        return answer(new Responses.Tail(
                tailServed,
                e.segment(),
                writerEpoch,
                committed,
                e.layoutVersion(),
                e.firstTxId(),
                e.lastTxId(),
                e.ops()));
    }

    private Responses.Edits chunk(long fromTxId, long maxTxId, int maxBytes) {
        byte[] all = ops.toByteArray();
        int[] from = {-1};
        int[] to = {0};
        long[] last = {fromTxId - 1};
        OpFraming.scan(ByteBuffer.wrap(all), segmentStart, (txId, off, len) -> {
            if (txId >= fromTxId && txId <= Math.min(maxTxId, lastTxId)) {
                if (from[0] < 0) {
                    from[0] = off;
                }
                if (off + len - from[0] <= maxBytes || to[0] == from[0]) {
                    to[0] = off + len;
                    last[0] = txId;
                }
            }
        });
        byte[] chunk = from[0] < 0 ? new byte[0] : java.util.Arrays.copyOfRange(all, from[0], to[0]);
        return new Responses.Edits(
                new SegmentInfo(segmentStart, lastTxId, true),
                org.apache.hadoop.hdfs.server.namenode.HadoopOps.LAYOUT_VERSION,
                fromTxId,
                last[0],
                chunk);
    }

    @Override
    public CompletableFuture<Responses.Prepared> prepareRecovery(long segmentTxId) {
        return answer(new Responses.Prepared(null, 0, 0, committed));
    }

    @Override
    public CompletableFuture<Void> acceptRecovery(SegmentInfo segment, String sourceAddress, long sourceEpoch) {
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> purge(long minTxIdToKeep) {
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> discardSegments(long startTxId) {
        return answer(null);
    }

    @Override
    public CompletableFuture<Long> upgrade(
            Requests.UpgradeOp op, NamespaceMeta storage, NamespaceMeta previous, int targetLayoutVersion) {
        return answer(0L);
    }

    @Override
    public String report() {
        return address + (down ? " down" : " up");
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return address;
    }
}
