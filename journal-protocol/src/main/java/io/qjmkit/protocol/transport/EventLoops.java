package io.qjmkit.protocol.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Creates the daemon event-loop groups the clients and servers run on. */
public final class EventLoops {
    private EventLoops() {}

    public static EventLoopGroup create(String name, int threads) {
        return new NioEventLoopGroup(threads, new DefaultThreadFactory(name, true));
    }
}
