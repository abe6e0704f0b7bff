package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * The writer's credentials on every state-changing request: the journal, the writer's epoch, a
 * per-channel serial number (requests must arrive in order) and the highest txid the writer knows
 * to be committed on a majority, which the JournalNode uses to bound durable reads.
 */
public record RequestInfo(String journalId, long epoch, long ipcSerial, long committedTxId) {

    public void writeTo(ByteBuf out) {
        Wire.writeString(out, journalId);
        out.writeLong(epoch);
        out.writeLong(ipcSerial);
        out.writeLong(committedTxId);
    }

    public static RequestInfo readFrom(ByteBuf in) {
        return new RequestInfo(Wire.readString(in), in.readLong(), in.readLong(), in.readLong());
    }
}
