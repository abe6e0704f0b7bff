package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;

/** Anything that travels in a frame: it knows its type and writes its own body. */
public interface Message {
    MessageType type();

    void writeTo(ByteBuf out);
}
