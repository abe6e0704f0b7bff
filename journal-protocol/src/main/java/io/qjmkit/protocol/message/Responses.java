package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** The successful answers of the journal protocol; failures travel as {@link Failure}. */
public final class Responses {
    private Responses() {}

    /**
     * {@code answer} as the response type {@code type} a caller of {@code request} expects; an
     * {@link Empty} answer where another type was expected is a protocol error.
     */
    public static <M extends Message> M as(Request request, Message answer, Class<M> type) {
        if (answer instanceof Empty && type != Empty.class) {
            throw new IllegalStateException("empty answer to " + request.type());
        }
        return type.cast(answer);
    }

    /** Success with nothing to say. */
    public record Empty(MessageType type) implements Message {
        public void writeTo(ByteBuf out) {}

        public static Empty readFrom(ByteBuf in) {
            return new Empty(null);
        }
    }

    /** A yes/no answer. */
    public record Bool(boolean value) implements Message {
        public MessageType type() {
            return MessageType.IS_FORMATTED;
        }

        public void writeTo(ByteBuf out) {
            out.writeBoolean(value);
        }

        public static Bool readFrom(ByteBuf in) {
            return new Bool(in.readBoolean());
        }
    }

    /** A number (upgrade calls: 1/0 for can-roll-back, the cTime for get-ctime). */
    public record Value(long value) implements Message {
        public MessageType type() {
            return MessageType.UPGRADE;
        }

        public void writeTo(ByteBuf out) {
            out.writeLong(value);
        }

        public static Value readFrom(ByteBuf in) {
            return new Value(in.readLong());
        }
    }

    /** A journal's epochs, commit point and open segment (null when none). */
    public record JournalState(
            long lastPromisedEpoch, long lastWriterEpoch, long committedTxId, SegmentInfo currentSegment)
            implements Message {
        public MessageType type() {
            return MessageType.GET_JOURNAL_STATE;
        }

        public void writeTo(ByteBuf out) {
            out.writeLong(lastPromisedEpoch);
            out.writeLong(lastWriterEpoch);
            out.writeLong(committedTxId);
            Wire.writeSegment(out, currentSegment);
        }

        public static JournalState readFrom(ByteBuf in) {
            return new JournalState(in.readLong(), in.readLong(), in.readLong(), Wire.readSegment(in));
        }
    }

    /** The promise was made; {@code lastSegment} is the newest segment (null when none). */
    public record NewEpoch(SegmentInfo lastSegment) implements Message {
        public MessageType type() {
            return MessageType.NEW_EPOCH;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeSegment(out, lastSegment);
        }

        public static NewEpoch readFrom(ByteBuf in) {
            return new NewEpoch(Wire.readSegment(in));
        }
    }

    /** The batch is durable; the segment now ends at {@code lastTxId}. */
    public record Journaled(long lastTxId) implements Message {
        public MessageType type() {
            return MessageType.JOURNAL;
        }

        public void writeTo(ByteBuf out) {
            out.writeLong(lastTxId);
        }

        public static Journaled readFrom(ByteBuf in) {
            return new Journaled(in.readLong());
        }
    }

    /**
     * Segments in txid order, the commit point the JournalNode last heard of, and the epoch of the
     * writer that started its newest segment (whose in-progress copy it is). Readers trust an
     * in-progress copy only from the newest writer they hear of: a node that missed a writer change
     * may hold an older, never-acknowledged version of the same txids. A manifest from a node that
     * predates the field decodes with {@link #UNKNOWN_EPOCH}.
     */
    public record Manifest(List<SegmentInfo> segments, long committedTxId, long writerEpoch) implements Message {
        public static final long UNKNOWN_EPOCH = -1;

        public MessageType type() {
            return MessageType.GET_MANIFEST;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeSegments(out, segments);
            out.writeLong(committedTxId);
            out.writeLong(writerEpoch);
        }

        public static Manifest readFrom(ByteBuf in) {
            return new Manifest(
                    Wire.readSegments(in), in.readLong(), in.isReadable(Long.BYTES) ? in.readLong() : UNKNOWN_EPOCH);
        }
    }

    /**
     * Framed ops {@code [firstTxId, lastTxId]} (none when {@code lastTxId < firstTxId}) of {@code
     * segment}, written with {@code layoutVersion}.
     */
    public record Edits(SegmentInfo segment, int layoutVersion, long firstTxId, long lastTxId, byte[] ops)
            implements Message {
        public MessageType type() {
            return MessageType.READ_EDITS;
        }

        public int txCount() {
            return (int) Math.max(0, lastTxId - firstTxId + 1);
        }

        public void writeTo(ByteBuf out) {
            segment.writeTo(out);
            out.writeInt(layoutVersion);
            out.writeLong(firstTxId);
            out.writeLong(lastTxId);
            Wire.writeBytes(out, ops);
        }

        public static Edits readFrom(ByteBuf in) {
            return new Edits(SegmentInfo.readFrom(in), in.readInt(), in.readLong(), in.readLong(), Wire.readBytes(in));
        }
    }

    /**
     * Answer to {@link Requests.TailEdits}. {@code served} is false when the reader is not at this
     * node's newest segment (it must use manifests and READ_EDITS). Otherwise {@code segment} is
     * the segment holding {@code fromTxId} (null while none started yet), written last in epoch
     * {@code writerEpoch}, and {@code ops} its durable txids {@code [firstTxId, lastTxId]} (none
     * when the wait ended without new ones); {@code committedTxId} is the writer's commit point as
     * this node last heard it.
     */
    public record Tail(
            boolean served,
            SegmentInfo segment,
            long writerEpoch,
            long committedTxId,
            int layoutVersion,
            long firstTxId,
            long lastTxId,
            byte[] ops)
            implements Message {
        public MessageType type() {
            return MessageType.TAIL_EDITS;
        }

        public int txCount() {
            return (int) Math.max(0, lastTxId - firstTxId + 1);
        }

        public void writeTo(ByteBuf out) {
            out.writeBoolean(served);
            Wire.writeSegment(out, segment);
            out.writeLong(writerEpoch);
            out.writeLong(committedTxId);
            out.writeInt(layoutVersion);
            out.writeLong(firstTxId);
            out.writeLong(lastTxId);
            Wire.writeBytes(out, ops);
        }

        public static Tail readFrom(ByteBuf in) {
            return new Tail(
                    in.readBoolean(),
                    Wire.readSegment(in),
                    in.readLong(),
                    in.readLong(),
                    in.readInt(),
                    in.readLong(),
                    in.readLong(),
                    Wire.readBytes(in));
        }
    }

    /**
     * Paxos phase-1 answer: the local state of the segment (null when absent), the epoch in which a
     * value was accepted for it (0 when none) and the epoch of the last writer.
     */
    public record Prepared(SegmentInfo segment, long acceptedInEpoch, long lastWriterEpoch, long committedTxId)
            implements Message {
        public MessageType type() {
            return MessageType.PREPARE_RECOVERY;
        }

        public void writeTo(ByteBuf out) {
            Wire.writeSegment(out, segment);
            out.writeLong(acceptedInEpoch);
            out.writeLong(lastWriterEpoch);
            out.writeLong(committedTxId);
        }

        public static Prepared readFrom(ByteBuf in) {
            return new Prepared(Wire.readSegment(in), in.readLong(), in.readLong(), in.readLong());
        }
    }

    /** A refused or failed request. */
    public record Failure(MessageType type, ErrorCode code, String message, long detail) implements Message {
        public void writeTo(ByteBuf out) {
            out.writeByte(code.id());
            Wire.writeString(out, message);
            out.writeLong(detail);
        }

        public static Failure readFrom(MessageType type, ByteBuf in) {
            return new Failure(type, ErrorCode.byId(in.readByte()), Wire.readString(in), in.readLong());
        }

        public JournalException toException(String where) {
            return new JournalException(code, where + ": " + message + " (" + code.hint() + ")", detail);
        }
    }
}
