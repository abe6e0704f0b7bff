package io.qjmkit.protocol.edits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class OpFramingTest {
    /** One op in Hadoop's length-prefixed framing with a body of {@code bodyBytes} bytes. */
    static byte[] op(long txId, int bodyBytes) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 + bodyBytes + 4);
        b.put((byte) 3).putInt(4 + 8 + bodyBytes).putLong(txId);
        for (int i = 0; i < bodyBytes; i++) {
            b.put((byte) i);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static byte[] ops(long first, int count) {
        ByteBuffer all = ByteBuffer.allocate(count * op(1, 10).length);
        for (int i = 0; i < count; i++) {
            all.put(op(first + i, 10));
        }
        return all.array();
    }

    @Test
    void scansContiguousOpsToACleanEnd() {
        byte[] bytes = ops(5, 3);
        List<Long> seen = new ArrayList<>();
        ScanResult r = OpFraming.scan(ByteBuffer.wrap(bytes), 5, (tx, off, len) -> seen.add(tx));
        assertThat(r.end()).isEqualTo(ScanResult.End.CLEAN);
        assertThat(r.opCount()).isEqualTo(3);
        assertThat(r.firstTxId()).isEqualTo(5);
        assertThat(r.lastTxId()).isEqualTo(7);
        assertThat(r.validBytes()).isEqualTo(bytes.length);
        assertThat(seen).containsExactly(5L, 6L, 7L);
    }

    @Test
    void stopsAtPreallocationPadding() {
        byte[] bytes = Arrays.copyOf(ops(1, 2), ops(1, 2).length + 100);
        Arrays.fill(bytes, ops(1, 2).length, bytes.length, OpFraming.OP_INVALID);
        ScanResult r = OpFraming.scan(bytes, 1);
        assertThat(r.end()).isEqualTo(ScanResult.End.PADDING);
        assertThat(r.lastTxId()).isEqualTo(2);
        assertThat(r.intact()).isTrue();
    }

    @Test
    void reportsATornTailWithTheValidPrefix() {
        byte[] whole = ops(1, 3);
        byte[] torn = Arrays.copyOf(whole, whole.length - 5);
        ScanResult r = OpFraming.scan(torn, 1);
        assertThat(r.end()).isEqualTo(ScanResult.End.TORN);
        assertThat(r.lastTxId()).isEqualTo(2);
        assertThat(r.validBytes()).isEqualTo(2 * op(1, 10).length);
    }

    @Test
    void detectsAFlippedBitAndABrokenSequence() {
        byte[] bytes = ops(1, 3);
        bytes[op(1, 10).length + 15] ^= 1;
        ScanResult flipped = OpFraming.scan(bytes, 1);
        assertThat(flipped.end()).isEqualTo(ScanResult.End.CORRUPT);
        assertThat(flipped.problem()).contains("checksum");
        assertThat(flipped.lastTxId()).isEqualTo(1);

        ScanResult wrongStart = OpFraming.scan(ops(4, 2), 3);
        assertThat(wrongStart.end()).isEqualTo(ScanResult.End.CORRUPT);
        assertThat(wrongStart.opCount()).isZero();
        assertThat(wrongStart.problem()).contains("txid 4 where 3 was expected");
    }

    @Test
    void headerCarriesTheLayoutVersion() {
        byte[] header = EditsHeader.bytes(-66);
        assertThat(header).hasSize(EditsHeader.BYTES);
        assertThat(EditsHeader.layoutVersion(ByteBuffer.wrap(header))).isEqualTo(-66);
    }
}
