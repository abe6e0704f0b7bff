package io.qjmkit.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Responses;
import java.util.Optional;

/**
 * Checks the peer's {@link WirePreamble}, then cuts the byte stream into frames and decodes each
 * into a {@link Frame}. A malformed frame fails the channel with a {@link CorruptedFrameException}
 * naming the problem, and so does a peer whose first bytes show it speaks another protocol ({@link
 * ForeignProtocol}) or another wire version.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    /** Larger than any batch a writer sends or any read a JournalNode answers. */
    public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private final boolean answerPreamble;
    private boolean preambleRead;

    /**
     * @param answerPreamble whether this end answers the peer's preamble with its own (the
     *     accepting end, a JournalNode)
     */
    public FrameDecoder(boolean answerPreamble) {
        super(MAX_FRAME_BYTES, 0, 4, 0, 4);
        this.answerPreamble = answerPreamble;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (!preambleRead) {
            if (in.readableBytes() < ForeignProtocol.PREFIX_BYTES) {
                return null;
            }
            String peer = "the peer " + ctx.channel().remoteAddress();
            Optional<String> foreign = ForeignProtocol.recognize(in);
            if (foreign.isPresent()) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException(ForeignProtocol.mistake(peer, foreign.get()));
            }
            if (in.readableBytes() < WirePreamble.BYTES) {
                return null;
            }
            byte[] preamble = new byte[WirePreamble.BYTES];
            in.readBytes(preamble);
            if (answerPreamble && WirePreamble.hasMagic(preamble)) {
                ctx.writeAndFlush(WirePreamble.buffer());
            }
            String problem = WirePreamble.problem(peer, preamble);
            if (problem != null) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException(problem);
            }
            preambleRead = true;
        }
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        try {
            return decodeFrame(frame);
        } finally {
            frame.release();
        }
    }

    /** Decodes one frame without its length prefix. */
    public static Frame decodeFrame(ByteBuf frame) {
        try {
            int kindId = frame.readByte();
            if (kindId < 0 || kindId >= Frame.Kind.values().length) {
                throw new CorruptedFrameException("unknown frame kind " + kindId);
            }
            Frame.Kind kind = Frame.Kind.values()[kindId];
            MessageType type = MessageType.byId(frame.readByte());
            long callId = frame.readLong();
            Message body =
                    switch (kind) {
                        case REQUEST -> type.readRequest(frame);
                        case RESPONSE -> type.readResponse(frame);
                        case FAILURE -> Responses.Failure.readFrom(type, frame);
                    };
            if (frame.isReadable()) {
                throw new CorruptedFrameException(
                        frame.readableBytes() + " unexpected trailing bytes after a " + type + " " + kind);
            }
            return new Frame(kind, type, callId, body);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new CorruptedFrameException("malformed frame: " + e.getMessage(), e);
        }
    }
}
