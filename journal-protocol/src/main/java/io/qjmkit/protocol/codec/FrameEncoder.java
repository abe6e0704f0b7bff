package io.qjmkit.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.qjmkit.protocol.message.Requests;

/** Writes a {@link Frame} with its length prefix. Stateless, so one instance serves all channels. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
    /** Length prefix, kind, type and call id. */
    static final int HEADER_BYTES = 4 + 1 + 1 + 8;

    public FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
        int hint = HEADER_BYTES + 128;
        if (frame.body() instanceof Requests.Journal j) {
            hint += j.records().length;
        }
        return preferDirect ? ctx.alloc().ioBuffer(hint) : ctx.alloc().heapBuffer(hint);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        encodeTo(frame, out);
    }

    /** Appends the whole frame, length prefix included, to {@code out}. */
    public static void encodeTo(Frame frame, ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeByte(frame.kind().ordinal());
        out.writeByte(frame.type().id());
        out.writeLong(frame.callId());
        frame.body().writeTo(out);
        out.setInt(start, out.writerIndex() - start - 4);
    }
}
