package io.qjmkit.journalnode;

import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Fixtures for JournalNode tests: Hadoop-framed ops (the same framing as testkit's TestOps, which
 * cannot be used here because testkit depends on this module), a namespace and request headers.
 */
public final class TestEdits {
    public static final int LAYOUT = -66;
    public static final NamespaceMeta NS = new NamespaceMeta(LAYOUT, 1234, "cluster-a", 0, "bp-1");
    public static final NamespaceMeta OTHER_NS = new NamespaceMeta(LAYOUT, 999, "cluster-b", 0, "bp-2");

    private TestEdits() {}

    public static byte[] op(long txId, int bodyBytes) {
        int total = 1 + 4 + 8 + bodyBytes + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 24).putInt(total - 5).putLong(txId);
        for (int i = 0; i < bodyBytes; i++) {
            b.put((byte) (txId + i));
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, total - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    public static byte[] ops(long first, int count) {
        return ops(first, count, 0);
    }

    public static byte[] ops(long first, int count, int bodyBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] op = op(first + i, bodyBytes);
            out.write(op, 0, op.length);
        }
        return out.toByteArray();
    }

    /** Request headers of one writer: serials increase with every call. */
    public static final class Writer {
        private final String journalId;
        private final long epoch;
        private long serial;
        private long committed;

        public Writer(String journalId, long epoch) {
            this.journalId = journalId;
            this.epoch = epoch;
        }

        public RequestInfo info() {
            return new RequestInfo(journalId, epoch, serial++, committed);
        }

        public Writer committed(long txId) {
            committed = txId;
            return this;
        }

        public long epoch() {
            return epoch;
        }

        public Requests.Journal journal(long segment, long first, int count) {
            return new Requests.Journal(info(), segment, first, count, ops(first, count));
        }
    }
}
