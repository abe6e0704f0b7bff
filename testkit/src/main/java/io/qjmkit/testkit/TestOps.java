package io.qjmkit.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Builds edit-log ops in Hadoop's framing for tests: {@code [opcode][length][txid][body][crc32]}
 * where {@code length} counts txid, body and checksum, and the CRC32 covers opcode through body.
 * The default opcode is Hadoop's {@code OP_START_LOG_SEGMENT} (24), which has no body.
 */
public final class TestOps {
    /** Hadoop's OP_START_LOG_SEGMENT: a valid op with no fields. */
    public static final byte OP_START_LOG_SEGMENT = 24;

    private TestOps() {}

    /** One op with {@code body} as its fields. */
    public static byte[] op(long txId, byte opcode, byte[] body) {
        int total = 1 + 4 + 8 + body.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put(opcode).putInt(total - 5).putLong(txId).put(body);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, total - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** One body-less op. */
    public static byte[] op(long txId) {
        return op(txId, OP_START_LOG_SEGMENT, new byte[0]);
    }

    /** {@code count} consecutive body-less ops starting at {@code firstTxId}. */
    public static byte[] ops(long firstTxId, int count) {
        return ops(firstTxId, count, 0);
    }

    /** {@code count} consecutive ops with {@code bodyBytes} filler bytes each (opcode 0x10). */
    public static byte[] ops(long firstTxId, int count, int bodyBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            long tx = firstTxId + i;
            byte[] body = new byte[bodyBytes];
            for (int k = 0; k < bodyBytes; k++) {
                body[k] = (byte) (tx + k);
            }
            byte[] op = bodyBytes == 0 ? op(tx) : op(tx, (byte) 0x10, body);
            out.write(op, 0, op.length);
        }
        return out.toByteArray();
    }
}
