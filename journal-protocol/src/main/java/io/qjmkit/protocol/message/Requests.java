package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * The requests of the journal protocol. Those that change a journal carry a {@link RequestInfo}
 * and are checked against the JournalNode's promised epoch; the rest are reads or administration.
 */
public final class Requests {
    private Requests() {}

    /** Is the journal formatted (has a namespace recorded)? */
    public record IsFormatted(String journalId) implements Request {
        public MessageType type() {
            return MessageType.IS_FORMATTED;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
        }

        public static IsFormatted readFrom(ByteBuf in) {
            return new IsFormatted(Wire.readString(in));
        }
    }

    /** Record the namespace; with {@code force}, wipe whatever the journal held. */
    public record Format(String journalId, NamespaceMeta namespace, boolean force) implements Request {
        public MessageType type() {
            return MessageType.FORMAT;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
            namespace.writeTo(out);
            out.writeBoolean(force);
        }

        public static Format readFrom(ByteBuf in) {
            return new Format(Wire.readString(in), NamespaceMeta.readFrom(in), in.readBoolean());
        }
    }

    /** Epochs, commit point and open segment of a journal. */
    public record GetJournalState(String journalId) implements Request {
        public MessageType type() {
            return MessageType.GET_JOURNAL_STATE;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
        }

        public static GetJournalState readFrom(ByteBuf in) {
            return new GetJournalState(Wire.readString(in));
        }
    }

    /** Promise never to accept a lower epoch; answered only after the promise is durable. */
    public record NewEpoch(String journalId, NamespaceMeta namespace, long epoch) implements Request {
        public MessageType type() {
            return MessageType.NEW_EPOCH;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
            namespace.writeTo(out);
            out.writeLong(epoch);
        }

        public static NewEpoch readFrom(ByteBuf in) {
            return new NewEpoch(Wire.readString(in), NamespaceMeta.readFrom(in), in.readLong());
        }
    }

    /** Open a new in-progress segment at {@code txId}. */
    public record StartSegment(RequestInfo info, long txId, int layoutVersion) implements Request {
        public String journalId() {
            return info.journalId();
        }

        public MessageType type() {
            return MessageType.START_SEGMENT;
        }

        public void writeTo(ByteBuf out) {
            info.writeTo(out);
            out.writeLong(txId);
            out.writeInt(layoutVersion);
        }

        public static StartSegment readFrom(ByteBuf in) {
            return new StartSegment(RequestInfo.readFrom(in), in.readLong(), in.readInt());
        }
    }

    /** Close the segment starting at {@code startTxId}, which must end exactly at {@code endTxId}. */
    public record FinalizeSegment(RequestInfo info, long startTxId, long endTxId) implements Request {
        public String journalId() {
            return info.journalId();
        }

        public MessageType type() {
            return MessageType.FINALIZE_SEGMENT;
        }

        public void writeTo(ByteBuf out) {
            info.writeTo(out);
            out.writeLong(startTxId);
            out.writeLong(endTxId);
        }

        public static FinalizeSegment readFrom(ByteBuf in) {
            return new FinalizeSegment(RequestInfo.readFrom(in), in.readLong(), in.readLong());
        }
    }

    /**
     * Append {@code numTxns} framed ops, the first being {@code firstTxId}, to the open segment;
     * answered only after they are on stable storage.
     */
    public record Journal(RequestInfo info, long segmentTxId, long firstTxId, int numTxns, byte[] records)
            implements Request {
        public String journalId() {
            return info.journalId();
        }

        public long lastTxId() {
            return firstTxId + numTxns - 1;
        }

        public MessageType type() {
            return MessageType.JOURNAL;
        }

        public void writeTo(ByteBuf out) {
            info.writeTo(out);
            out.writeLong(segmentTxId);
            out.writeLong(firstTxId);
            out.writeInt(numTxns);
            Wire.writeBytes(out, records);
        }

        public static Journal readFrom(ByteBuf in) {
            return new Journal(
                    RequestInfo.readFrom(in), in.readLong(), in.readLong(), in.readInt(), Wire.readBytes(in));
        }
    }

    /** Keeps the writer's channel alive and advances the commit point while idle. */
    public record Heartbeat(RequestInfo info) implements Request {
        public String journalId() {
            return info.journalId();
        }

        public MessageType type() {
            return MessageType.HEARTBEAT;
        }

        public void writeTo(ByteBuf out) {
            info.writeTo(out);
        }

        public static Heartbeat readFrom(ByteBuf in) {
            return new Heartbeat(RequestInfo.readFrom(in));
        }
    }

    /** The segments holding transactions at or after {@code sinceTxId}. */
    public record GetManifest(String journalId, long sinceTxId, boolean inProgressOk) implements Request {
        public MessageType type() {
            return MessageType.GET_MANIFEST;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
            out.writeLong(sinceTxId);
            out.writeBoolean(inProgressOk);
        }

        public static GetManifest readFrom(ByteBuf in) {
            return new GetManifest(Wire.readString(in), in.readLong(), in.readBoolean());
        }
    }

    /**
     * Raw framed ops of the segment starting at {@code segmentTxId} (0: the segment holding {@code
     * fromTxId}), from {@code fromTxId} up to {@code maxTxId} and about {@code maxBytes}.
     */
    public record ReadEdits(String journalId, long segmentTxId, long fromTxId, long maxTxId, int maxBytes)
            implements Request {
        public MessageType type() {
            return MessageType.READ_EDITS;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
            out.writeLong(segmentTxId);
            out.writeLong(fromTxId);
            out.writeLong(maxTxId);
            out.writeInt(maxBytes);
        }

        public static ReadEdits readFrom(ByteBuf in) {
            return new ReadEdits(Wire.readString(in), in.readLong(), in.readLong(), in.readLong(), in.readInt());
        }
    }

    /**
     * A tailing reader's long poll: the durable ops from {@code fromTxId} on of the segment being
     * written, answered at once when this node holds some, otherwise as soon as it does or after
     * {@code waitMs}. A node whose newest segment does not reach up to {@code fromTxId - 1}
     * answers at once that it cannot serve the read this way.
     */
    public record TailEdits(String journalId, long fromTxId, int maxBytes, int waitMs) implements Request {
        public MessageType type() {
            return MessageType.TAIL_EDITS;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
            out.writeLong(fromTxId);
            out.writeInt(maxBytes);
            out.writeInt(waitMs);
        }

        public static TailEdits readFrom(ByteBuf in) {
            return new TailEdits(Wire.readString(in), in.readLong(), in.readInt(), in.readInt());
        }
    }

    /** Paxos phase 1 for the segment starting at {@code segmentTxId}. */
    public record PrepareRecovery(RequestInfo info, long segmentTxId) implements Request {
        public String journalId() {
            return info.journalId();
        }

        public MessageType type() {
            return MessageType.PREPARE_RECOVERY;
        }

        public void writeTo(ByteBuf out) {
            info.writeTo(out);
            out.writeLong(segmentTxId);
        }

        public static PrepareRecovery readFrom(ByteBuf in) {
            return new PrepareRecovery(RequestInfo.readFrom(in), in.readLong());
        }
    }

    /**
     * Paxos phase 2: make the local copy of the segment equal {@code segment}, fetching it from
     * the JournalNode at {@code sourceAddress} (host:port) if needed, then record the acceptance
     * durably. {@code sourceEpoch} is the epoch the source's copy dates from (the greater of its
     * accepted and last writer epochs, as its prepare answer said): a local copy of the same
     * length is the same copy only if it dates from the same epoch. A request without the field
     * decodes with {@link #UNKNOWN_EPOCH}, which makes the node fetch.
     */
    public record AcceptRecovery(RequestInfo info, SegmentInfo segment, String sourceAddress, long sourceEpoch)
            implements Request {
        /** The source epoch of a request from a client that did not send one. */
        public static final long UNKNOWN_EPOCH = -1;

        public String journalId() {
            return info.journalId();
        }

        public MessageType type() {
            return MessageType.ACCEPT_RECOVERY;
        }

        public void writeTo(ByteBuf out) {
            info.writeTo(out);
            segment.writeTo(out);
            Wire.writeString(out, sourceAddress);
            out.writeLong(sourceEpoch);
        }

        public static AcceptRecovery readFrom(ByteBuf in) {
            return new AcceptRecovery(
                    RequestInfo.readFrom(in),
                    SegmentInfo.readFrom(in),
                    Wire.readString(in),
                    in.isReadable(Long.BYTES) ? in.readLong() : UNKNOWN_EPOCH);
        }
    }

    /** Remove finalized segments that end below {@code minTxIdToKeep}. */
    public record Purge(RequestInfo info, long minTxIdToKeep) implements Request {
        public String journalId() {
            return info.journalId();
        }

        public MessageType type() {
            return MessageType.PURGE;
        }

        public void writeTo(ByteBuf out) {
            info.writeTo(out);
            out.writeLong(minTxIdToKeep);
        }

        public static Purge readFrom(ByteBuf in) {
            return new Purge(RequestInfo.readFrom(in), in.readLong());
        }
    }

    /** Drop every segment starting at or after {@code startTxId} (rolling-upgrade rollback). */
    public record DiscardSegments(String journalId, long startTxId) implements Request {
        public MessageType type() {
            return MessageType.DISCARD_SEGMENTS;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
            out.writeLong(startTxId);
        }

        public static DiscardSegments readFrom(ByteBuf in) {
            return new DiscardSegments(Wire.readString(in), in.readLong());
        }
    }

    /** The storage-upgrade calls a NameNode makes, one message with an operation. */
    public record Upgrade(
            String journalId, UpgradeOp op, NamespaceMeta storage, NamespaceMeta previous, int targetLayoutVersion)
            implements Request {
        public MessageType type() {
            return MessageType.UPGRADE;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeString(out, journalId);
            out.writeByte(op.ordinal());
            storage.writeTo(out);
            previous.writeTo(out);
            out.writeInt(targetLayoutVersion);
        }

        public static Upgrade readFrom(ByteBuf in) {
            return new Upgrade(
                    Wire.readString(in),
                    UpgradeOp.values()[in.readByte()],
                    NamespaceMeta.readFrom(in),
                    NamespaceMeta.readFrom(in),
                    in.readInt());
        }
    }

    /** The upgrade operations, in wire order. */
    public enum UpgradeOp {
        PRE_UPGRADE,
        UPGRADE,
        FINALIZE,
        CAN_ROLL_BACK,
        ROLL_BACK,
        GET_CTIME
    }
}
