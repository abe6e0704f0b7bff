package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * One edit-log segment as a JournalNode sees it: the first txid, the last valid txid ({@code
 * startTxId - 1} when it holds none yet) and whether it is still open. Used in manifests, in
 * recovery (the value Paxos agrees on) and in read responses.
 */
public record SegmentInfo(long startTxId, long endTxId, boolean inProgress) {

    public SegmentInfo {
        if (startTxId < 1) {
            throw new IllegalArgumentException("segment start txid must be >= 1, got " + startTxId);
        }
        if (endTxId < startTxId - 1) {
            throw new IllegalArgumentException("segment end " + endTxId + " is before its start " + startTxId);
        }
    }

    public long txCount() {
        return endTxId - startTxId + 1;
    }

    public boolean isEmpty() {
        return endTxId < startTxId;
    }

    public boolean contains(long txId) {
        return txId >= startTxId && txId <= endTxId;
    }

    public void writeTo(ByteBuf out) {
        out.writeLong(startTxId);
        out.writeLong(endTxId);
        out.writeBoolean(inProgress);
    }

    public static SegmentInfo readFrom(ByteBuf in) {
        return new SegmentInfo(in.readLong(), in.readLong(), in.readBoolean());
    }

    @Override
    public String toString() {
        return (inProgress ? "in-progress " : "finalized ") + "[" + startTxId + ", " + endTxId + "]";
    }
}
