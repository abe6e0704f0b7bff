package io.qjmkit.client.read;

import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.protocol.edits.EditsHeader;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.server.namenode.EditLogFileInputStream;
import org.apache.hadoop.hdfs.server.namenode.EditLogInputStream;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOp;
import org.apache.hadoop.thirdparty.protobuf.ByteString;
import org.apache.hadoop.thirdparty.protobuf.UnsafeByteOperations;

/**
 * The ops {@code [first, last]} of one segment on one JournalNode. Nothing is fetched until the
 * first read; then ops arrive in chunks of about {@code chunkBytes} through READ_EDITS and are
 * decoded by Hadoop's {@link EditLogFileInputStream} over the chunk with the segment header in
 * front. A JournalNode that cannot deliver a txid the stream promised fails the read with an
 * {@link IOException}, which makes Hadoop's redundant stream fail over to another JournalNode.
 */
public final class RemoteEditsStream extends EditLogInputStream {
    /** Lifecycle of the stream. */
    enum State {
        UNOPENED,
        OPEN,
        CLOSED
    }

    private final JournalChannel channel;
    private final String journalId;
    private final long segmentTxId;
    private final long firstTxId;
    private final long lastTxId;
    private final boolean inProgress;
    private final int chunkBytes;
    private final int timeoutMs;
    private State state = State.UNOPENED;
    private long nextTxId;
    private int layoutVersion;
    private int maxOpSize = DFSConfigKeys.DFS_NAMENODE_MAX_OP_SIZE_DEFAULT;
    private EditLogInputStream chunk;
    private long position;

    /**
     * @param firstTxId the segment's first txid (what the stream reports)
     * @param fetchFromTxId where fetching starts ({@code >= firstTxId}); earlier txids are skipped
     */
    public RemoteEditsStream(
            JournalChannel channel,
            String journalId,
            long firstTxId,
            long fetchFromTxId,
            long lastTxId,
            boolean inProgress,
            int chunkBytes,
            int timeoutMs) {
        if (fetchFromTxId < firstTxId || fetchFromTxId > lastTxId) {
            throw new IllegalArgumentException(
                    "fetch start " + fetchFromTxId + " outside [" + firstTxId + ", " + lastTxId + "]");
        }
        this.channel = channel;
        this.journalId = journalId;
        this.segmentTxId = firstTxId;
        this.firstTxId = firstTxId;
        this.lastTxId = lastTxId;
        this.inProgress = inProgress;
        this.chunkBytes = chunkBytes;
        this.timeoutMs = timeoutMs;
        this.nextTxId = fetchFromTxId;
    }

    @Override
    public String getName() {
        return "qjm-kit " + channel.address() + "/" + journalId + " [" + firstTxId + ", " + lastTxId + "]"
                + (inProgress ? " in-progress" : "");
    }

    @Override
    public long getFirstTxId() {
        return firstTxId;
    }

    @Override
    public long getLastTxId() {
        return lastTxId;
    }

    @Override
    protected FSEditLogOp nextOp() throws IOException {
        try {
            return readNext();
        } catch (RuntimeException e) {
            throw new IOException("cannot decode txid " + nextTxId + " of " + getName() + ": " + e, e);
        }
    }

    private FSEditLogOp readNext() throws IOException {
        while (state != State.CLOSED) {
            if (chunk != null) {
                FSEditLogOp op = chunk.readOp();
                if (op != null) {
                    nextTxId = op.getTransactionId() + 1;
                    return op;
                }
                chunk.close();
                chunk = null;
            }
            if (nextTxId > lastTxId) {
                return null;
            }
            fetch();
        }
        return null;
    }

    private void fetch() throws IOException {
        Responses.Edits edits = await(channel.readEdits(segmentTxId, nextTxId, lastTxId, chunkBytes));
        if (edits.txCount() == 0 || edits.firstTxId() != nextTxId || edits.lastTxId() > lastTxId) {
            throw new IOException("JournalNode " + channel.address() + " of journal " + journalId
                    + " returned txids [" + edits.firstTxId() + ", " + edits.lastTxId() + "] of segment "
                    + segmentTxId + " when txids " + nextTxId + "-" + lastTxId + " were expected");
        }
        install(edits.layoutVersion(), edits.firstTxId(), edits.lastTxId(), edits.ops());
    }

    /**
     * Hands the stream ops {@code [first, last]} already fetched (by a tail read), so that its
     * first read needs no round trip. They must start where the stream does.
     */
    void prefill(int layoutVersion, long first, long last, byte[] ops) throws IOException {
        if (state != State.UNOPENED || first != nextTxId || last < first || last > lastTxId) {
            throw new IllegalStateException(
                    "cannot prefill txids [" + first + ", " + last + "] into " + getName() + " at txid " + nextTxId);
        }
        install(layoutVersion, first, last, ops);
    }

    private void install(int layoutVersion, long first, long last, byte[] ops) throws IOException {
        this.layoutVersion = layoutVersion;
        ByteString bytes = UnsafeByteOperations.unsafeWrap(EditsHeader.bytes(layoutVersion))
                .concat(UnsafeByteOperations.unsafeWrap(ops));
        chunk = EditLogFileInputStream.fromByteString(bytes, first, last, inProgress);
        chunk.setMaxOpSize(maxOpSize);
        position += ops.length;
        state = State.OPEN;
    }

    private Responses.Edits await(java.util.concurrent.CompletableFuture<Responses.Edits> f) throws IOException {
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading " + getName());
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new IOException("JournalNode " + channel.address() + " did not return txid " + nextTxId
                    + " of journal " + journalId + " within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IOException(
                    "reading txid " + nextTxId + " of journal " + journalId + " from " + channel.address() + " failed: "
                            + (c == null ? e : c.getMessage()),
                    c);
        }
    }

    @Override
    public int getVersion(boolean verifyVersion) throws IOException {
        if (layoutVersion == 0) {
            if (chunk == null && nextTxId <= lastTxId) {
                fetch();
            }
        }
        return layoutVersion;
    }

    @Override
    public long getPosition() {
        return position;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public boolean isInProgress() {
        return inProgress;
    }

    @Override
    public void setMaxOpSize(int maxOpSize) {
        this.maxOpSize = maxOpSize;
        if (chunk != null) {
            chunk.setMaxOpSize(maxOpSize);
        }
    }

    @Override
    public boolean isLocalLog() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (chunk != null) {
            chunk.close();
            chunk = null;
        }
        state = State.CLOSED;
    }
}
