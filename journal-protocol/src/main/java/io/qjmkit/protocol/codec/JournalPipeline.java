package io.qjmkit.protocol.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;

/**
 * Installs the protocol's codec at the front of a pipeline. Both ends decode the same way (the
 * peer's {@link WirePreamble}, then frames); they differ in when they send their own preamble: a
 * client in front of its first request, a JournalNode in answer to the client's.
 */
public final class JournalPipeline {
    private static final FrameEncoder ENCODER = new FrameEncoder();

    private JournalPipeline() {}

    /** The accepting end: answers the client's preamble with its own. */
    public static void installServer(ChannelPipeline pipeline) {
        pipeline.addLast("frame-decoder", new FrameDecoder(true));
        pipeline.addLast("frame-encoder", ENCODER);
    }

    /** The connecting end: its preamble goes out with its first request. */
    public static void installClient(ChannelPipeline pipeline) {
        pipeline.addLast("frame-decoder", new FrameDecoder(false));
        pipeline.addLast("preamble", new PreambleFirst());
        pipeline.addLast("frame-encoder", ENCODER);
    }

    /**
     * Puts the preamble in front of the first bytes written. (Not on channel activation: a connect
     * listener may write its request before the pipeline hears that the channel is active.)
     */
    private static final class PreambleFirst extends ChannelOutboundHandlerAdapter {
        private boolean sent;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!sent) {
                sent = true;
                ctx.write(WirePreamble.buffer(), ctx.voidPromise());
            }
            ctx.write(msg, promise);
        }
    }
}
