package io.qjmkit.client.write;

import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOp;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * One half of the double buffer: serialized ops and which txids they hold. Reused across flushes
 * (reset keeps the backing array).
 */
final class TxnBuffer {
    private final DataOutputBuffer data;
    private final FSEditLogOp.Writer writer;
    private long firstTxId = -1;
    private long lastTxId = -1;

    TxnBuffer(int initialCapacity) {
        this.data = new DataOutputBuffer(initialCapacity);
        this.writer = new FSEditLogOp.Writer(data);
    }

    void write(FSEditLogOp op, int layoutVersion) throws IOException {
        long txId = op.getTransactionId();
        checkNext(txId, txId);
        writer.writeOp(op, layoutVersion);
        noteTxns(txId, txId);
    }

    void writeRaw(byte[] bytes, int offset, int length) throws IOException {
        ScanResult scan = OpFraming.scan(ByteBuffer.wrap(bytes, offset, length).slice(), -1, null);
        if (!scan.intact() || scan.validBytes() != length || scan.opCount() == 0) {
            throw new IOException("raw edits are not whole, valid ops (" + scan.opCount() + " ops in "
                    + scan.validBytes() + " of " + length + " bytes: " + scan.end() + " " + scan.problem() + ")");
        }
        checkNext(scan.firstTxId(), scan.lastTxId());
        data.write(bytes, offset, length);
        noteTxns(scan.firstTxId(), scan.lastTxId());
    }

    private void checkNext(long first, long last) throws IOException {
        if (lastTxId >= 0 && first != lastTxId + 1) {
            throw new IOException("txid " + first + " does not follow txid " + lastTxId + " in the edit buffer");
        }
    }

    private void noteTxns(long first, long last) {
        if (firstTxId < 0) {
            firstTxId = first;
        }
        lastTxId = last;
    }

    int bytes() {
        return data.getLength();
    }

    int txns() {
        return firstTxId < 0 ? 0 : (int) (lastTxId - firstTxId + 1);
    }

    long firstTxId() {
        return firstTxId;
    }

    long lastTxId() {
        return lastTxId;
    }

    byte[] array() {
        return data.getData();
    }

    void reset() {
        data.reset();
        firstTxId = -1;
        lastTxId = -1;
    }
}
