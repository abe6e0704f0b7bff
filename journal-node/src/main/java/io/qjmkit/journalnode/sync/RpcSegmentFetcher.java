package io.qjmkit.journalnode.sync;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.journalnode.journal.SegmentFetcher;
import io.qjmkit.journalnode.storage.Disk;
import io.qjmkit.protocol.edits.EditsHeader;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.protocol.transport.JournalClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a segment from a peer JournalNode with READ_EDITS calls into a temp file, checking that
 * every chunk holds whole, valid ops in txid order and that the copy holds exactly the requested
 * txids. Shared by Paxos accept and peer sync.
 */
public final class RpcSegmentFetcher implements SegmentFetcher {
    static final int CHUNK_BYTES = 4 << 20;
    private static final AtomicLong SEQ = new AtomicLong();

    private final EventLoopGroup group;
    private final Disk disk;
    private final Duration timeout;

    public RpcSegmentFetcher(EventLoopGroup group, Disk disk, Duration timeout) {
        this.group = group;
        this.disk = disk;
        this.timeout = timeout;
    }

    @Override
    public Path fetch(String journalId, SegmentInfo segment, String sourceAddress, Path dir) throws IOException {
        InetSocketAddress source = parse(sourceAddress);
        Path tmp = dir.resolve(
                "fetch_" + segment.startTxId() + "-" + segment.endTxId() + "_" + SEQ.incrementAndGet() + ".tmp");
        boolean ok = false;
        try (JournalClient client = new JournalClient(group, source, (int) timeout.toMillis());
                FileChannel out = disk.open(tmp, true)) {
            disk.truncate(out, 0);
            long next = segment.startTxId();
            long pos = 0;
            while (next <= segment.endTxId()) {
                Responses.Edits e = call(
                        client,
                        new Requests.ReadEdits(journalId, segment.startTxId(), next, segment.endTxId(), CHUNK_BYTES));
                if (pos == 0) {
                    pos = write(out, EditsHeader.bytes(e.layoutVersion()), pos);
                }
                ScanResult scan = OpFraming.scan(e.ops(), next);
                if (e.lastTxId() < next
                        || scan.end() != ScanResult.End.CLEAN
                        || scan.lastTxId() != e.lastTxId()
                        || e.lastTxId() > segment.endTxId()) {
                    throw new IOException("journal " + journalId + ": " + source + " sent txids " + e.firstTxId()
                            + ".." + e.lastTxId() + " of " + e.segment() + " when " + next + ".."
                            + segment.endTxId() + " was asked (" + scan.end() + " " + scan.problem()
                            + "); cannot copy " + segment);
                }
                pos = write(out, e.ops(), pos);
                next = e.lastTxId() + 1;
            }
            if (pos == 0) {
                throw new IOException("journal " + journalId + ": " + segment + " holds no transaction to copy");
            }
            disk.force(out, true);
            ok = true;
            return tmp;
        } finally {
            if (!ok) {
                disk.delete(tmp);
            }
        }
    }

    private long write(FileChannel out, byte[] bytes, long pos) throws IOException {
        disk.write(out, ByteBuffer.wrap(bytes), pos);
        return pos + bytes.length;
    }

    private Responses.Edits call(JournalClient client, Requests.ReadEdits req) throws IOException {
        try {
            return client.call(req, Responses.Edits.class).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying from " + client.address());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("copy from " + client.address() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + client.address() + " within " + timeout + " to " + req);
        }
    }

    /** Parses {@code host:port}. */
    public static InetSocketAddress parse(String hostPort) throws IOException {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException("source address '" + hostPort + "' is not host:port");
        }
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IOException("source address '" + hostPort + "' is not host:port: " + e.getMessage());
        }
    }
}
