package io.qjmkit.protocol.codec;

import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Responses;

/** One message on the wire with the id of the call it belongs to. */
public record Frame(Kind kind, MessageType type, long callId, Message body) {

    /** What a frame carries. */
    public enum Kind {
        REQUEST,
        RESPONSE,
        FAILURE
    }

    public static Frame request(long callId, Message body) {
        return new Frame(Kind.REQUEST, body.type(), callId, body);
    }

    public static Frame response(long callId, MessageType type, Message body) {
        return new Frame(body instanceof Responses.Failure ? Kind.FAILURE : Kind.RESPONSE, type, callId, body);
    }
}
