package io.qjmkit.journalnode.storage;

import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds the valid end of a segment file by walking its ops in bounded chunks with positional
 * reads, filling the segment's sparse index on the way. Never loads a whole segment into memory.
 */
final class SegmentScanner {
    private static final int CHUNK = 1 << 20;

    private SegmentScanner() {}

    /**
     * What a scan found.
     *
     * @param validEnd file offset just after the last valid op
     * @param lastTxId last valid txid ({@code expectedFirst - 1} when none)
     * @param end why the scan stopped
     * @param problem description of a torn or corrupt op, "" otherwise
     */
    record Outcome(long validEnd, long lastTxId, ScanResult.End end, String problem) {
        boolean intact() {
            return end == ScanResult.End.CLEAN || end == ScanResult.End.PADDING;
        }
    }

    static Outcome scan(FileChannel ch, long from, long expectedFirst, SparseIndex index) throws IOException {
        long size = ch.size();
        long pos = from;
        long expected = expectedFirst;
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        while (true) {
            if (pos >= size) {
                return new Outcome(pos, expected - 1, ScanResult.End.CLEAN, "");
            }
            buf.clear();
            int want = (int) Math.min(buf.capacity(), size - pos);
            buf.limit(want);
            readFully(ch, buf, pos);
            buf.flip();
            final long base = pos;
            ScanResult r = OpFraming.scan(buf, expected, (txId, offset, length) -> index.maybeAdd(txId, base + offset));
            pos += r.validBytes();
            if (r.opCount() > 0) {
                expected = r.lastTxId() + 1;
            }
            boolean chunkEndedEarly = base + want < size;
            switch (r.end()) {
                case CLEAN:
                    continue;
                case TORN:
                    if (chunkEndedEarly) {
                        if (r.validBytes() == 0) {
                            buf = ByteBuffer.allocate(
                                    (int) Math.min((long) buf.capacity() * 2, OpFraming.MAX_OP_BYTES + (long) CHUNK));
                        }
                        continue;
                    }
                    return new Outcome(pos, expected - 1, r.end(), r.problem());
                default:
                    return new Outcome(pos, expected - 1, r.end(), r.problem());
            }
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at offset " + pos);
            }
            pos += n;
        }
    }
}
