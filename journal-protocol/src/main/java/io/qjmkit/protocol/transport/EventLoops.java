package io.qjmkit.protocol.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the daemon event-loop groups the clients and servers run on, and names the socket
 * classes that fit a group. Native epoll is used where Netty can load it: it wakes a loop and moves
 * a small frame with fewer system calls than the JDK selector, and a loopback round trip is mostly
 * such wake-ups. {@code -Dio.netty.transport.noNative=true} selects NIO, as does a classpath
 * without Netty's epoll jars (a NameNode's, say).
 */
public final class EventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);
    private static final boolean EPOLL = nativeEpollLoads();

    private EventLoops() {}

    private static boolean nativeEpollLoads() {
        try {
            if (Epoll.isAvailable()) {
                LOG.info("Journal transport: native epoll");
                return true;
            }
            LOG.info("Journal transport: NIO (native epoll unavailable: {})", Epoll.unavailabilityCause());
        } catch (LinkageError e) {
            LOG.info("Journal transport: NIO (Netty's epoll classes are not on the classpath: {})", e.toString());
        }
        return false;
    }

    public static EventLoopGroup create(String name, int threads) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return EPOLL ? NativeEpoll.group(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** The client socket class for channels registered with {@code group} (or one of its loops). */
    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return isEpoll(group) ? NativeEpoll.SOCKET : NioSocketChannel.class;
    }

    /** The listening socket class for channels registered with {@code group}. */
    public static Class<? extends ServerSocketChannel> serverSocketChannel(EventLoopGroup group) {
        return isEpoll(group) ? NativeEpoll.SERVER_SOCKET : NioServerSocketChannel.class;
    }

    private static boolean isEpoll(EventLoopGroup group) {
        EventLoopGroup owner = group instanceof EventLoop loop && loop.parent() != null ? loop.parent() : group;
        return EPOLL && NativeEpoll.owns(owner);
    }

    /** Every reference to the epoll classes, loaded only once they are known to be there. */
    private static final class NativeEpoll {
        static final Class<? extends SocketChannel> SOCKET = EpollSocketChannel.class;
        static final Class<? extends ServerSocketChannel> SERVER_SOCKET = EpollServerSocketChannel.class;

        static EventLoopGroup group(int threads, ThreadFactory factory) {
            return new EpollEventLoopGroup(threads, factory);
        }

        static boolean owns(EventLoopGroup group) {
            return group instanceof EpollEventLoopGroup;
        }
    }
}
