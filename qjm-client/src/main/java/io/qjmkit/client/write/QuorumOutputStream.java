package io.qjmkit.client.write;

import io.qjmkit.client.channel.Batch;
import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.client.config.ClientConfig;
import io.qjmkit.protocol.edits.OpFraming;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameNode's output stream for one segment. Ops go into the current half of a double buffer;
 * {@link #setReadyToFlush()} swaps the halves and {@link #flushAndSync(boolean)} sends the ready
 * half as one batch to every JournalNode, returning when a majority acknowledged it. It throws only
 * when a majority cannot acknowledge (the NameNode then stops, as it must).
 */
public final class QuorumOutputStream extends EditLogOutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumOutputStream.class);

    private final ChannelSet channels;
    private final String journalId;
    private final long segmentTxId;
    private final int writeTimeoutMs;
    private final int maxBatchBytes;
    private final int capacity;
    private TxnBuffer current;
    private TxnBuffer ready;
    private boolean closed;

    public QuorumOutputStream(
            ChannelSet channels,
            String journalId,
            long segmentTxId,
            int layoutVersion,
            int capacity,
            int writeTimeoutMs,
            int maxBatchBytes)
            throws IOException {
        this.channels = channels;
        this.journalId = journalId;
        this.segmentTxId = segmentTxId;
        this.writeTimeoutMs = writeTimeoutMs;
        this.maxBatchBytes = maxBatchBytes;
        this.capacity = capacity;
        int initial = Math.min(capacity, 1 << 20) + 4096;
        this.current = new TxnBuffer(initial);
        this.ready = new TxnBuffer(initial);
        setCurrentLogVersion(layoutVersion);
    }

    /** The same with the protocol's largest batch. */
    public QuorumOutputStream(
            ChannelSet channels, String journalId, long segmentTxId, int layoutVersion, int capacity, int timeoutMs)
            throws IOException {
        this(channels, journalId, segmentTxId, layoutVersion, capacity, timeoutMs, ClientConfig.MAX_BATCH_BYTES);
    }

    @Override
    public void write(FSEditLogOp op) throws IOException {
        checkOpen();
        current.write(op, getCurrentLogVersion());
    }

    @Override
    public void writeRaw(byte[] bytes, int offset, int length) throws IOException {
        checkOpen();
        current.writeRaw(bytes, offset, length);
    }

    @Override
    public void create(int layoutVersion) {
        throw new UnsupportedOperationException(
                "the JournalNodes write the segment header at startLogSegment; create() is not used");
    }

    @Override
    public void setReadyToFlush() throws IOException {
        checkOpen();
        if (ready.bytes() > 0) {
            throw new IOException("segment " + segmentTxId + " of journal " + journalId
                    + ": the previous batch was not flushed (txids " + ready.firstTxId() + "-" + ready.lastTxId()
                    + ")");
        }
        TxnBuffer t = ready;
        ready = current;
        current = t;
    }

    @Override
    protected void flushAndSync(boolean durable) throws IOException {
        checkOpen();
        if (ready.txns() == 0) {
            return;
        }
        byte[] records = Arrays.copyOf(ready.array(), ready.bytes());
        long first = ready.firstTxId();
        int txns = ready.txns();
        ready.reset();
        if (records.length <= maxBatchBytes) {
            send(new Batch(first, txns, records));
        } else {
            for (Batch b : split(first, records)) {
                send(b);
            }
        }
    }

    private void send(Batch batch) throws IOException {
        try {
            channels.majority(
                    c -> c.journal(batch),
                    writeTimeoutMs,
                    "journal(txids " + batch.firstTxId() + "-" + batch.lastTxId() + " of segment " + segmentTxId
                            + ", journal " + journalId + ")");
        } catch (IOException e) {
            LOG.error(
                    "Journal {} segment {}: txids {}-{} did not reach a majority: {}",
                    journalId,
                    segmentTxId,
                    batch.firstTxId(),
                    batch.lastTxId(),
                    e.getMessage());
            throw e;
        }
        channels.setCommittedTxId(batch.lastTxId());
    }

    /** Cuts an oversized batch at op boundaries into batches the transport accepts. */
    private List<Batch> split(long first, byte[] records) throws IOException {
        List<Batch> out = new ArrayList<>();
        int[] start = {0};
        long[] startTx = {first};
        int[] count = {0};
        int[] end = {0};
        OpFraming.scan(ByteBuffer.wrap(records), first, (txId, off, len) -> {
            if (off + len - start[0] > maxBatchBytes && count[0] > 0) {
                out.add(new Batch(startTx[0], count[0], Arrays.copyOfRange(records, start[0], off)));
                start[0] = off;
                startTx[0] = txId;
                count[0] = 0;
            }
            count[0]++;
            end[0] = off + len;
        });
        if (end[0] != records.length) {
            throw new IOException("journal " + journalId + ": the edit buffer holds damaged ops at byte " + end[0]);
        }
        out.add(new Batch(startTx[0], count[0], Arrays.copyOfRange(records, start[0], end[0])));
        return out;
    }

    @Override
    public boolean shouldForceSync() {
        return current.bytes() >= capacity;
    }

    @Override
    public void close() throws IOException {
        if (!closed && (current.bytes() > 0 || ready.bytes() > 0)) {
            throw new IOException("journal " + journalId + " segment " + segmentTxId + " has "
                    + (current.bytes() + ready.bytes()) + " bytes of edits still to flush; cannot close");
        }
        closed = true;
    }

    @Override
    public void abort() {
        if (!closed) {
            LOG.warn("Journal {}: aborting the output stream of segment {}", journalId, segmentTxId);
        }
        closed = true;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(
                    "the output stream of segment " + segmentTxId + " of journal " + journalId + " is closed");
        }
    }

    @Override
    public String generateReport() {
        StringBuilder sb = new StringBuilder("Writing segment beginning at txid ")
                .append(segmentTxId)
                .append(" of journal ")
                .append(journalId)
                .append(". JournalNodes: ");
        String sep = "";
        for (JournalChannel c : channels.channels()) {
            sb.append(sep).append(c.report());
            sep = ", ";
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "QuorumOutputStream of journal " + journalId + " starting at txid " + segmentTxId;
    }
}
