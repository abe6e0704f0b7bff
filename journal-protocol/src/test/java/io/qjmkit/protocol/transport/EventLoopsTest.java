package io.qjmkit.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
    private static final boolean LINUX_WITH_NATIVE_JAR =
            System.getProperty("os.name").startsWith("Linux")
                    && (System.getProperty("os.arch").equals("amd64")
                            || System.getProperty("os.arch").equals("aarch64"));

    @Test
    void groupsAreNativeEpollOnLinuxAndItsLoopsGetEpollSockets() throws Exception {
        EventLoopGroup group = EventLoops.create("epoll-test", 1);
        try {
            if (LINUX_WITH_NATIVE_JAR) {
                assertThat(group).isInstanceOf(EpollEventLoopGroup.class);
                assertThat(EventLoops.socketChannel(group.next())).isEqualTo(EpollSocketChannel.class);
            }
            assertConnects(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void nioGroupsAndTheirLoopsGetNioSockets() throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            assertThat(EventLoops.socketChannel(group)).isEqualTo(NioSocketChannel.class);
            assertThat(EventLoops.socketChannel(group.next())).isEqualTo(NioSocketChannel.class);
            assertThat(EventLoops.serverSocketChannel(group)).isEqualTo(NioServerSocketChannel.class);
            assertConnects(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** A server and a client of the classes named for {@code group} register with it and connect. */
    private static void assertConnects(EventLoopGroup group) throws Exception {
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(EventLoops.serverSocketChannel(group))
                .childHandler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sync()
                .channel();
        try {
            Channel client = new Bootstrap()
                    .group(group.next())
                    .channel(EventLoops.socketChannel(group.next()))
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(server.localAddress())
                    .sync()
                    .channel();
            assertThat(client.isActive()).isTrue();
            client.close().sync();
        } finally {
            server.close().sync();
        }
    }
}
