package io.qjmkit.protocol.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.AttributeKey;
import io.qjmkit.protocol.codec.ForeignProtocol;
import io.qjmkit.protocol.codec.Frame;
import io.qjmkit.protocol.codec.JournalPipeline;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.Responses;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of one connection to one JournalNode. Connects lazily, reconnects on the next
 * call after a loss, writes requests in the order {@link #call} is invoked, and completes each
 * future on the event loop with the answer or with a {@link IOException} (a {@link
 * io.qjmkit.protocol.message.JournalException} when the JournalNode refused the request).
 */
public final class JournalClient implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalClient.class);
    private static final AttributeKey<ResponseHandler> RESPONSES = AttributeKey.valueOf("qjmkit.responses");

    private final InetSocketAddress address;
    private final Bootstrap bootstrap;
    private final AtomicLong nextCallId = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Object connectLock = new Object();
    private ChannelFuture connection;
    private volatile boolean closed;

    private record Pending(Request request, CompletableFuture<Message> future) {}

    public JournalClient(EventLoopGroup group, InetSocketAddress address, int connectTimeoutMs) {
        this.address = address;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(EventLoops.socketChannel(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        JournalPipeline.installClient(ch.pipeline());
                        ResponseHandler responses = new ResponseHandler();
                        ch.attr(RESPONSES).set(responses);
                        ch.pipeline().addLast("responses", responses);
                    }
                });
    }

    public InetSocketAddress address() {
        return address;
    }

    /** True while a connection is established. */
    public boolean isConnected() {
        synchronized (connectLock) {
            return connection != null
                    && connection.isSuccess()
                    && connection.channel().isActive();
        }
    }

    /**
     * Sends {@code request}; the future completes with the response of type {@code type}, or
     * exceptionally. Calls made from one thread reach the JournalNode in the same order.
     */
    public <M extends Message> CompletableFuture<M> call(Request request, Class<M> type) {
        CompletableFuture<Message> raw = new CompletableFuture<>();
        if (closed) {
            raw.completeExceptionally(new IOException("client for " + address + " is closed"));
        } else {
            long id = nextCallId.getAndIncrement();
            pending.put(id, new Pending(request, raw));
            ChannelFuture conn = connection();
            if (conn.isDone()) {
                send(conn, id, request);
            } else {
                conn.addListener(f -> send(conn, id, request));
            }
        }
        return raw.thenApply(m -> Responses.as(request, m, type));
    }

    private void send(ChannelFuture conn, long id, Request request) {
        if (!conn.isSuccess()) {
            fail(id, connectFailure(conn.cause()));
            return;
        }
        conn.channel().writeAndFlush(Frame.request(id, request)).addListener(w -> {
            if (!w.isSuccess()) {
                fail(id, new IOException("could not send " + request.type() + " to " + address, w.cause()));
            }
        });
    }

    private IOException connectFailure(Throwable cause) {
        ConnectException e = new ConnectException(
                "cannot connect to JournalNode " + address + ": " + (cause == null ? "unknown" : cause.getMessage()));
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private ChannelFuture connection() {
        synchronized (connectLock) {
            boolean usable = connection != null
                    && (!connection.isDone()
                            || (connection.isSuccess() && connection.channel().isActive()));
            if (!usable) {
                connection = bootstrap.connect(address);
                ChannelFuture c = connection;
                c.addListener(f -> {
                    if (f.isSuccess()) {
                        LOG.debug("Connected to JournalNode {}", address);
                        c.channel().closeFuture().addListener(x -> failAll(c.channel()));
                    }
                });
            }
            return connection;
        }
    }

    private void fail(long id, IOException e) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.future().completeExceptionally(e);
        }
    }

    private void failAll(Channel lost) {
        ResponseHandler responses = lost.attr(RESPONSES).get();
        String why = responses == null ? "connection to JournalNode " + address + " lost" : responses.lossMessage();
        if (!pending.isEmpty()) {
            if (closed) {
                // Our own close(): the calls are abandoned on purpose, not lost.
                LOG.debug("Connection to JournalNode {} closed with {} calls pending", address, pending.size());
            } else {
                LOG.warn("{}, with {} calls pending", why, pending.size());
            }
        }
        for (Long id : pending.keySet()) {
            fail(id, new IOException(why));
        }
    }

    @Override
    public void close() {
        closed = true;
        ChannelFuture c;
        synchronized (connectLock) {
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.addListener(f -> {
                if (f.isSuccess()) {
                    c.channel().close();
                }
            });
        }
        for (Long id : pending.keySet()) {
            fail(id, new IOException("client for " + address + " closed"));
        }
    }

    @Override
    public String toString() {
        return "JournalNode " + address;
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<Frame> {
        private volatile boolean answered;
        private volatile String error;
        private volatile boolean undecodable;

        /** Why the connection ended, for the calls it leaves unanswered. */
        String lossMessage() {
            String f = error;
            if (undecodable) {
                return "connection to JournalNode " + address + " closed: " + f;
            }
            if (!answered) {
                return "JournalNode " + address + " " + ForeignProtocol.closedWithoutAnswering(f);
            }
            return "connection to JournalNode " + address + " lost" + (f == null ? "" : ": " + f);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            answered = true;
            Pending p = pending.remove(frame.callId());
            if (p == null) {
                LOG.debug("Answer to unknown call {} from {}", frame.callId(), address);
                return;
            }
            if (frame.body() instanceof Responses.Failure failure) {
                p.future().completeExceptionally(failure.toException(address + " " + frame.type()));
            } else {
                p.future().complete(frame.body());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            undecodable = cause instanceof DecoderException;
            Throwable root = undecodable && cause.getCause() != null ? cause.getCause() : cause;
            error = root.getMessage() != null ? root.getMessage() : root.toString();
            LOG.warn("Closing connection to JournalNode {}: {}", address, error);
            ctx.close();
        }
    }
}
