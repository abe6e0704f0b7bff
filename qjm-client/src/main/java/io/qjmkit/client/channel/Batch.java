package io.qjmkit.client.channel;

import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A run of consecutive framed ops, {@code firstTxId} to {@link #lastTxId()}, as one JOURNAL request
 * carries them. The array is shared by every channel and never modified.
 */
public record Batch(long firstTxId, int numTxns, byte[] records) {

    public Batch {
        if (numTxns < 1) {
            throw new IllegalArgumentException("a batch holds at least one txn, got " + numTxns);
        }
    }

    public long lastTxId() {
        return firstTxId + numTxns - 1;
    }

    /** The ops from {@code fromTxId} on, found by walking the op frames. */
    public Batch tailFrom(long fromTxId) {
        if (fromTxId <= firstTxId) {
            return this;
        }
        if (fromTxId > lastTxId()) {
            throw new IllegalArgumentException(
                    "txid " + fromTxId + " is past the batch [" + firstTxId + ", " + lastTxId() + "]");
        }
        int[] offset = {-1};
        ScanResult scan = OpFraming.scan(ByteBuffer.wrap(records), firstTxId, (txId, off, len) -> {
            if (txId == fromTxId) {
                offset[0] = off;
            }
        });
        if (offset[0] < 0) {
            throw new IllegalStateException(
                    "txid " + fromTxId + " not found in batch [" + firstTxId + ", " + lastTxId() + "]: " + scan);
        }
        return new Batch(
                fromTxId, (int) (lastTxId() - fromTxId + 1), Arrays.copyOfRange(records, offset[0], records.length));
    }
}
