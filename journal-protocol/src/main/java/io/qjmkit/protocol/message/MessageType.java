package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.function.Function;

/**
 * Every call of the protocol, with the decoder of its request and of its successful response. The
 * numeric ids are the wire format: never reuse or renumber one.
 */
public enum MessageType {
    IS_FORMATTED(1, Requests.IsFormatted::readFrom, Responses.Bool::readFrom),
    FORMAT(2, Requests.Format::readFrom, Responses.Empty::readFrom),
    GET_JOURNAL_STATE(3, Requests.GetJournalState::readFrom, Responses.JournalState::readFrom),
    NEW_EPOCH(4, Requests.NewEpoch::readFrom, Responses.NewEpoch::readFrom),
    START_SEGMENT(5, Requests.StartSegment::readFrom, Responses.Empty::readFrom),
    FINALIZE_SEGMENT(6, Requests.FinalizeSegment::readFrom, Responses.Empty::readFrom),
    JOURNAL(7, Requests.Journal::readFrom, Responses.Journaled::readFrom),
    HEARTBEAT(8, Requests.Heartbeat::readFrom, Responses.Empty::readFrom),
    GET_MANIFEST(9, Requests.GetManifest::readFrom, Responses.Manifest::readFrom),
    READ_EDITS(10, Requests.ReadEdits::readFrom, Responses.Edits::readFrom),
    PREPARE_RECOVERY(11, Requests.PrepareRecovery::readFrom, Responses.Prepared::readFrom),
    ACCEPT_RECOVERY(12, Requests.AcceptRecovery::readFrom, Responses.Empty::readFrom),
    PURGE(13, Requests.Purge::readFrom, Responses.Empty::readFrom),
    DISCARD_SEGMENTS(14, Requests.DiscardSegments::readFrom, Responses.Empty::readFrom),
    UPGRADE(15, Requests.Upgrade::readFrom, Responses.Value::readFrom),
    TAIL_EDITS(16, Requests.TailEdits::readFrom, Responses.Tail::readFrom);

    private static final MessageType[] BY_ID = new MessageType[17];

    static {
        for (MessageType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final Function<ByteBuf, Message> requestReader;
    private final Function<ByteBuf, Message> responseReader;

    MessageType(int id, Function<ByteBuf, Message> requestReader, Function<ByteBuf, Message> responseReader) {
        this.id = id;
        this.requestReader = requestReader;
        this.responseReader = responseReader;
    }

    public int id() {
        return id;
    }

    public Message readRequest(ByteBuf in) {
        return requestReader.apply(in);
    }

    public Message readResponse(ByteBuf in) {
        return responseReader.apply(in);
    }

    public static MessageType byId(int id) {
        if (id < 0 || id >= BY_ID.length || BY_ID[id] == null) {
            throw new IllegalArgumentException("unknown message type " + id);
        }
        return BY_ID[id];
    }
}
