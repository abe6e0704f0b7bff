package io.qjmkit.protocol.edits;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Walks Hadoop's length-prefixed op frames: {@code [opcode:1][length:4][txid:8][fields][crc32:4]}
 * where {@code length} counts everything after the opcode except the checksum, and the checksum
 * covers the opcode through the fields. An opcode of {@code 0xFF} is the padding that
 * pre-allocated files are filled with and marks the end of the log.
 */
public final class OpFraming {
    public static final byte OP_INVALID = (byte) 0xFF;
    /** Opcode, length, txid and checksum of an op with no fields. */
    public static final int MIN_OP_BYTES = 17;
    /** Hadoop's default {@code dfs.namenode.max.op.size}. */
    public static final int MAX_OP_BYTES = 50 * 1024 * 1024;

    private OpFraming() {}

    /** Receives each valid op as the scan passes it. */
    @FunctionalInterface
    public interface OpVisitor {
        void op(long txId, int offset, int length);
    }

    /**
     * Scans the ops between {@code buf.position()} and {@code buf.limit()} without moving the
     * buffer. Stops at the first op that is torn, corrupt, or whose txid does not follow the
     * previous one ({@code expectedFirstTxId} for the first op; pass a value below 1 to accept any).
     */
    public static ScanResult scan(ByteBuffer buf, long expectedFirstTxId, OpVisitor visitor) {
        CRC32 crc = new CRC32();
        int start = buf.position();
        int pos = start;
        int limit = buf.limit();
        long expected = expectedFirstTxId;
        long first = -1;
        long last = -1;
        int count = 0;
        while (true) {
            if (pos == limit) {
                return new ScanResult(pos - start, count, first, last, ScanResult.End.CLEAN, "");
            }
            if (buf.get(pos) == OP_INVALID) {
                return new ScanResult(pos - start, count, first, last, ScanResult.End.PADDING, "");
            }
            if (limit - pos < MIN_OP_BYTES) {
                return stop(pos - start, count, first, last, ScanResult.End.TORN, "partial op header at byte " + pos);
            }
            int stored = buf.getInt(pos + 1);
            int total = stored + 5;
            if (stored < 12 || total > MAX_OP_BYTES) {
                return stop(
                        pos - start,
                        count,
                        first,
                        last,
                        ScanResult.End.CORRUPT,
                        "op length " + stored + " out of range at byte " + pos);
            }
            if (limit - pos < total) {
                return stop(pos - start, count, first, last, ScanResult.End.TORN, "partial op at byte " + pos);
            }
            long txId = buf.getLong(pos + 5);
            crc.reset();
            ByteBuffer covered = buf.duplicate();
            covered.limit(pos + total - 4).position(pos);
            crc.update(covered);
            if ((int) crc.getValue() != buf.getInt(pos + total - 4)) {
                return stop(
                        pos - start,
                        count,
                        first,
                        last,
                        ScanResult.End.CORRUPT,
                        "checksum mismatch in txid " + txId + " at byte " + pos);
            }
            if (expected >= 1 && txId != expected) {
                return stop(
                        pos - start,
                        count,
                        first,
                        last,
                        ScanResult.End.CORRUPT,
                        "txid " + txId + " where " + expected + " was expected, at byte " + pos);
            }
            if (visitor != null) {
                visitor.op(txId, pos, total);
            }
            if (first < 0) {
                first = txId;
            }
            last = txId;
            expected = txId + 1;
            count++;
            pos += total;
        }
    }

    private static ScanResult stop(int valid, int count, long first, long last, ScanResult.End end, String why) {
        return new ScanResult(valid, count, first, last, end, why);
    }

    /** Scans a whole byte array of ops. */
    public static ScanResult scan(byte[] ops, long expectedFirstTxId) {
        return scan(ByteBuffer.wrap(ops), expectedFirstTxId, null);
    }
}
