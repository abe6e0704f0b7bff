package io.qjmkit.journalnode.status;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.protocol.transport.EventLoops;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JournalNode's status, metrics and health endpoint ({@code dfs.journalnode.http-address}) on
 * Netty HTTP, for operators, monitoring and tests. One small event-loop thread; requests only
 * read snapshots.
 *
 * <pre>
 *   NEW --start()--> RUNNING --close()--> CLOSED
 *   NEW --close()--> CLOSED      (start() after close() fails)
 * </pre>
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusHttpServer.class);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    /** Lifecycle of the server; moved only by {@link #moveTo}. */
    public enum State {
        NEW,
        RUNNING,
        CLOSED
    }

    private final InetSocketAddress bind;
    private final StatusRoutes routes;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile EventLoopGroup group;
    private volatile Channel channel;

    public StatusHttpServer(InetSocketAddress bind, Supplier<List<JournalStatus>> journals, JournalMetrics metrics) {
        this(bind, journals, metrics, () -> ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** As above, with the uptime source injected (tests). */
    public StatusHttpServer(
            InetSocketAddress bind,
            Supplier<List<JournalStatus>> journals,
            JournalMetrics metrics,
            LongSupplier uptimeMillis) {
        this.bind = bind;
        this.routes = new StatusRoutes(journals, metrics, uptimeMillis);
    }

    /** Binds and serves; returns the bound address (the real port when {@code bind} has port 0). */
    public synchronized InetSocketAddress start() throws IOException {
        moveTo(State.NEW, State.RUNNING, "starting on " + bind);
        EventLoopGroup loops = EventLoops.create("jn-status", 1);
        StatusHttpHandler handler = new StatusHttpHandler(routes);
        try {
            Channel ch = new ServerBootstrap()
                    .group(loops)
                    .channel(EventLoops.serverSocketChannel(loops))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast(handler);
                        }
                    })
                    .bind(bind)
                    .sync()
                    .channel();
            group = loops;
            channel = ch;
        } catch (Exception e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            moveTo(State.RUNNING, State.CLOSED, "bind failed");
            throw new IOException(
                    "cannot serve status HTTP on " + bind + " (dfs.journalnode.http-address): " + e
                            + "; pick a free port or stop the process that holds it",
                    e);
        }
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        LOG.info("status endpoint listening on http://{}:{}/status", bound.getHostString(), bound.getPort());
        return bound;
    }

    public State state() {
        return state.get();
    }

    /** Stops listening and closes open connections; idempotent. */
    @Override
    public synchronized void close() {
        State previous = state.get();
        if (previous == State.CLOSED || !state.compareAndSet(previous, State.CLOSED)) {
            return;
        }
        LOG.info("status endpoint {} -> {}: close()", previous, State.CLOSED);
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
        EventLoopGroup loops = group;
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void moveTo(State from, State to, String reason) {
        if (!state.compareAndSet(from, to)) {
            throw new IllegalStateException(
                    "status endpoint cannot go " + from + " -> " + to + ": it is " + state.get());
        }
        LOG.info("status endpoint {} -> {}: {}", from, to, reason);
    }
}
