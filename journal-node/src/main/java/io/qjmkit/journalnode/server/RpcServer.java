package io.qjmkit.journalnode.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.qjmkit.protocol.codec.JournalPipeline;
import io.qjmkit.protocol.transport.EventLoops;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The JournalNode's TCP endpoint: Netty with the protocol codec and the {@link RequestDispatcher}. */
public final class RpcServer implements Closeable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final RequestDispatcher dispatcher;
    private final ChannelGroup connections = new DefaultChannelGroup("jn-rpc", GlobalEventExecutor.INSTANCE);
    private Channel channel;

    public RpcServer(EventLoopGroup boss, EventLoopGroup workers, RequestDispatcher dispatcher) {
        this.boss = boss;
        this.workers = workers;
        this.dispatcher = dispatcher;
    }

    /** Binds and returns the bound address (a real port when asked for port 0). */
    public InetSocketAddress bind(InetSocketAddress address) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(EventLoops.serverSocketChannel(workers))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        JournalPipeline.installServer(ch.pipeline());
                        ch.pipeline().addLast("dispatcher", dispatcher);
                    }
                });
        try {
            channel = b.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IOException(
                    "cannot listen on " + address + " (dfs.journalnode.rpc-address): " + e.getMessage()
                            + "; is another JournalNode running or the port taken?",
                    e);
        }
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        // Drop client connections too, so no request reaches journals that are being closed.
        connections.close().syncUninterruptibly();
    }
}
