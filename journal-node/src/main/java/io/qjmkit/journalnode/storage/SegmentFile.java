package io.qjmkit.journalnode.storage;

import io.qjmkit.protocol.edits.EditsHeader;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One segment file: header, framed ops, and (while in progress) 0xFF pre-allocation padding.
 * One writer appends at the valid end and forces before acknowledging; readers use positional
 * reads bounded by the durable end, which moves only after a successful force, so a reader never
 * sees bytes that could be lost in a crash.
 */
public final class SegmentFile implements Closeable {
    /** Pre-allocation step: in-progress files grow by this much, filled with 0xFF. */
    public static final int PREALLOCATION = 1 << 20;

    private static final byte[] PADDING = filled(PREALLOCATION);

    private final Disk disk;
    private final long startTxId;
    private final int layoutVersion;
    private final SparseIndex index;
    private volatile Path path;
    private volatile FileChannel channel;
    private volatile boolean inProgress;
    private volatile long durableEnd;
    private volatile long durableLastTxId;
    private long allocated;

    private SegmentFile(
            Disk disk, Path path, FileChannel channel, long startTxId, int layoutVersion, SparseIndex index) {
        this.disk = disk;
        this.path = path;
        this.channel = channel;
        this.startTxId = startTxId;
        this.layoutVersion = layoutVersion;
        this.index = index;
    }

    /** Creates a new in-progress segment with its header, pre-allocated and durable. */
    static SegmentFile create(Disk disk, Path file, long startTxId, int layoutVersion) throws IOException {
        FileChannel ch = disk.open(file, true);
        try {
            disk.truncate(ch, 0);
            disk.write(ch, ByteBuffer.wrap(EditsHeader.bytes(layoutVersion)), 0);
            SegmentFile s = new SegmentFile(disk, file, ch, startTxId, layoutVersion, new SparseIndex());
            s.inProgress = true;
            s.allocated = EditsHeader.BYTES;
            s.preallocate(EditsHeader.BYTES);
            disk.force(ch, true);
            disk.syncDirectory(file.getParent());
            s.durableEnd = EditsHeader.BYTES;
            s.durableLastTxId = startTxId - 1;
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** What opening an existing file found. */
    public record Opened(SegmentFile segment, SegmentScanner.Outcome scan) {}

    /**
     * Opens and scans an existing segment file. Returns a null segment (and closes the file) when
     * it has no valid header.
     */
    static Opened open(Disk disk, Path file, long startTxId, boolean inProgress) throws IOException {
        FileChannel ch = disk.open(file, inProgress);
        try {
            ByteBuffer header = ByteBuffer.allocate(EditsHeader.BYTES);
            if (ch.size() < EditsHeader.BYTES) {
                ch.close();
                return new Opened(null, null);
            }
            SegmentScanner.readFully(ch, header, 0);
            header.flip();
            int version;
            try {
                version = EditsHeader.layoutVersion(header);
            } catch (IllegalArgumentException e) {
                ch.close();
                return new Opened(null, null);
            }
            SparseIndex index = new SparseIndex();
            SegmentScanner.Outcome scan = SegmentScanner.scan(ch, EditsHeader.BYTES, startTxId, index);
            SegmentFile s = new SegmentFile(disk, file, ch, startTxId, version, index);
            s.inProgress = inProgress;
            s.durableEnd = scan.validEnd();
            s.durableLastTxId = scan.lastTxId();
            s.allocated = ch.size();
            return new Opened(s, scan);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Cuts an in-progress file back to its valid end (dropping a torn or corrupt tail) and makes
     * that durable, so nothing unverified is ever served or acknowledged after a reopen.
     */
    void truncateToValidEnd() throws IOException {
        disk.truncate(channel, durableEnd);
        disk.force(channel, true);
        allocated = durableEnd;
    }

    public long startTxId() {
        return startTxId;
    }

    public int layoutVersion() {
        return layoutVersion;
    }

    public Path path() {
        return path;
    }

    public boolean isInProgress() {
        return inProgress;
    }

    /** Last txid on stable storage ({@code startTxId - 1} when none). */
    public long lastTxId() {
        return durableLastTxId;
    }

    public long durableEnd() {
        return durableEnd;
    }

    public boolean isEmpty() {
        return durableLastTxId < startTxId;
    }

    public SegmentInfo info() {
        return new SegmentInfo(startTxId, durableLastTxId, inProgress);
    }

    /**
     * Appends {@code ops[from..)} (whole ops, the first being {@code firstTxId}, the last {@code
     * lastTxId}; {@code opOffsets} gives each op's start within {@code ops}) and forces them.
     *
     * @return nanoseconds spent in force
     */
    public long append(byte[] ops, int from, int[] opOffsets, int firstOpIndex, long firstTxId, long lastTxId)
            throws IOException {
        if (!inProgress) {
            throw new IllegalStateException("segment " + path + " is finalized; appends are not allowed");
        }
        if (firstTxId != durableLastTxId + 1) {
            throw new IllegalStateException(
                    "append of txid " + firstTxId + " to " + path + " which ends at " + durableLastTxId);
        }
        int len = ops.length - from;
        long at = durableEnd;
        preallocate(at + len);
        disk.write(channel, ByteBuffer.wrap(ops, from, len), at);
        long t0 = System.nanoTime();
        disk.force(channel, false);
        long fsync = System.nanoTime() - t0;
        long txId = firstTxId;
        for (int i = firstOpIndex; i < opOffsets.length; i++, txId++) {
            index.maybeAdd(txId, at + opOffsets[i] - from);
        }
        index.addBatchStart(firstTxId, at);
        durableEnd = at + len;
        durableLastTxId = lastTxId;
        return fsync;
    }

    private void preallocate(long needed) throws IOException {
        while (allocated < needed) {
            disk.write(channel, ByteBuffer.wrap(PADDING), allocated);
            allocated += PADDING.length;
        }
    }

    /** Truncates to the valid end, forces, renames to its finalized name and syncs the directory. */
    void finalizeTo(Path target) throws IOException {
        disk.truncate(channel, durableEnd);
        allocated = durableEnd;
        disk.force(channel, true);
        disk.rename(path, target);
        disk.syncDirectory(target.getParent());
        path = target;
        inProgress = false;
    }

    /** Renames the file (to move it aside) without changing its content. */
    void moveTo(Path target) throws IOException {
        disk.rename(path, target);
        disk.syncDirectory(target.getParent());
        path = target;
    }

    /**
     * Whole ops from {@code fromTxId} to at most {@code maxTxId} (and the durable end), about
     * {@code maxBytes} but at least one op. Safe to call concurrently with the writer.
     */
    public ReadChunk read(long fromTxId, long maxTxId, int maxBytes) throws IOException {
        // The writer publishes the end offset before the last txid: reading them in the opposite
        // order guarantees the bytes of every txid up to upTo lie below endOffset.
        long upTo = Math.min(maxTxId, durableLastTxId);
        long endOffset = durableEnd;
        if (fromTxId < startTxId || fromTxId > upTo) {
            return ReadChunk.empty(fromTxId);
        }
        Map.Entry<Long, Long> floor = index.floor(fromTxId);
        long scanFrom = floor == null ? EditsHeader.BYTES : floor.getValue();
        long scanTx = floor == null ? startTxId : floor.getKey();
        long available = endOffset - scanFrom;
        long window = Math.min(available, (long) SparseIndex.STRIDE * 2 + Math.max(maxBytes, 0) + 4096);
        while (true) {
            ByteBuffer buf = ByteBuffer.allocate((int) window);
            SegmentScanner.readFully(channel, buf, scanFrom);
            buf.flip();
            Collector c = new Collector(fromTxId, upTo, maxBytes);
            OpFraming.scan(buf, scanTx, c::op);
            boolean complete = c.count > 0 && (c.last == upTo || c.full);
            if (complete || window >= available) {
                if (c.count == 0) {
                    throw new IOException("segment " + path + " holds no readable op " + fromTxId
                            + " although it was written up to " + upTo + "; it may be damaged");
                }
                byte[] out = Arrays.copyOfRange(buf.array(), c.startOffset, c.endOffset);
                return new ReadChunk(fromTxId, c.last, out);
            }
            window = Math.min(Math.min(available, window * 2), Integer.MAX_VALUE - 16);
        }
    }

    /** Ops read from a segment: txids {@code [firstTxId, lastTxId]}, none when last < first. */
    public record ReadChunk(long firstTxId, long lastTxId, byte[] ops) {
        static ReadChunk empty(long from) {
            return new ReadChunk(from, from - 1, new byte[0]);
        }
    }

    private static final class Collector {
        private final long from;
        private final long upTo;
        private final int maxBytes;
        int startOffset = -1;
        int endOffset;
        long last = -1;
        int count;
        boolean full;

        Collector(long from, long upTo, int maxBytes) {
            this.from = from;
            this.upTo = upTo;
            this.maxBytes = maxBytes;
        }

        void op(long txId, int offset, int length) {
            if (txId < from || txId > upTo || full) {
                return;
            }
            if (count > 0 && (long) endOffset - startOffset + length > maxBytes) {
                full = true;
                return;
            }
            if (count == 0) {
                startOffset = offset;
            }
            endOffset = offset + length;
            last = txId;
            count++;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, OpFraming.OP_INVALID);
        return b;
    }

    @Override
    public String toString() {
        return path.getFileName() + " " + info();
    }
}
