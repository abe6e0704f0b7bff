package io.qjmkit.protocol.codec;

import io.netty.channel.ChannelPipeline;

/** Installs the protocol's codec at the front of a pipeline, identically on both ends. */
public final class JournalPipeline {
    private static final FrameEncoder ENCODER = new FrameEncoder();

    private JournalPipeline() {}

    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast("frame-decoder", new FrameDecoder());
        pipeline.addLast("frame-encoder", ENCODER);
    }
}
