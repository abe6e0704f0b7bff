package io.qjmkit.client.sim;

import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.client.config.Timeouts;
import io.qjmkit.client.recovery.WriterRecovery;
import io.qjmkit.client.write.QuorumOutputStream;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.testkit.TestOps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NameNode's use of the journal, reduced to what matters for the quorum: become the writer
 * ({@link WriterRecovery}, then the newest finalized txid a majority lists, as the NameNode finds
 * it), start segments, flush batches through the real {@link QuorumOutputStream}, finalize. Any
 * failure ends the writer, as it ends a NameNode.
 */
final class SimWriter {
    static final String JOURNAL = "sim";
    static final int LAYOUT = -66;
    static final NamespaceMeta NAMESPACE = new NamespaceMeta(LAYOUT, 4321, "sim-cluster", 0, "bp-sim");
    private static final int TIMEOUT_MS = 1000;
    private static final Timeouts TIMEOUTS = new Timeouts(
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS,
            TIMEOUT_MS);

    private final int id;
    private final ChannelSet channels;
    private long epoch;
    private long nextTxId;
    private long segmentTxId = -1;
    private QuorumOutputStream out;
    private boolean alive = true;

    SimWriter(int id, SimNetwork network) {
        this.id = id;
        List<JournalChannel> list = new ArrayList<>();
        for (SimNode n : network.nodes()) {
            list.add(new SimChannel(network, n, JOURNAL));
        }
        this.channels = new ChannelSet(list, network.waiter());
    }

    long epoch() {
        return epoch;
    }

    boolean isAlive() {
        return alive;
    }

    boolean hasOpenSegment() {
        return alive && out != null;
    }

    /** Recovers and returns the last txid of the log as a majority lists it (0 for none). */
    long becomeWriter() throws IOException {
        try {
            epoch = new WriterRecovery(channels, TIMEOUTS, NAMESPACE, JOURNAL).run();
            Map<JournalChannel, Responses.Manifest> manifests =
                    channels.majority(c -> c.getManifest(0, false), TIMEOUT_MS, "getManifest");
            long end = 0;
            for (Responses.Manifest m : manifests.values()) {
                for (SegmentInfo s : m.segments()) {
                    end = Math.max(end, s.endTxId());
                }
            }
            nextTxId = end + 1;
            return end;
        } catch (IOException | RuntimeException e) {
            alive = false;
            throw e;
        }
    }

    void startSegment() throws IOException {
        try {
            channels.majority(c -> c.startSegment(nextTxId, LAYOUT), TIMEOUT_MS, "startSegment");
            segmentTxId = nextTxId;
            out = new QuorumOutputStream(channels, JOURNAL, segmentTxId, LAYOUT, 1 << 16, TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            alive = false;
            throw e;
        }
    }

    /** Flushes {@code count} new ops as one batch; returns them by txid once a majority acked. */
    Map<Long, byte[]> write(int count) throws IOException {
        Map<Long, byte[]> ops = new LinkedHashMap<>();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            long tx = nextTxId + i;
            byte[] op = TestOps.op(
                    tx,
                    (byte) 0x10,
                    ByteBuffer.allocate(12).putLong(epoch).putInt(id).array());
            ops.put(tx, op);
            batch.write(op, 0, op.length);
        }
        try {
            byte[] bytes = batch.toByteArray();
            out.writeRaw(bytes, 0, bytes.length);
            out.setReadyToFlush();
            out.flush();
        } catch (IOException | RuntimeException e) {
            alive = false;
            throw e;
        }
        nextTxId += count;
        return ops;
    }

    /** Finalizes the open segment (when it holds txns) and starts the next. */
    void roll() throws IOException {
        if (nextTxId == segmentTxId) {
            return;
        }
        try {
            long start = segmentTxId;
            long end = nextTxId - 1;
            out.close();
            out = null;
            channels.majority(c -> c.finalizeSegment(start, end), TIMEOUT_MS, "finalizeSegment");
        } catch (IOException | RuntimeException e) {
            alive = false;
            throw e;
        }
        startSegment();
    }

    @Override
    public String toString() {
        return "writer " + id + " (epoch " + epoch + ")";
    }
}
