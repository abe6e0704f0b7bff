package io.qjmkit.journalnode.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.sync.PeerProbe;
import io.qjmkit.protocol.codec.Frame;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes request frames: mutations go to the journal's own lane (so they run in arrival order, one
 * at a time), except that an append or heartbeat arriving while the lane is idle runs right on the
 * I/O thread; reads go to a shared read pool, and tail reads with nothing new wait in {@link
 * TailWaiters} until a mutation of their journal completes. The answer or a {@link
 * Responses.Failure} is written back with the request's call id.
 */
@ChannelHandler.Sharable
public final class RequestDispatcher extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final JournalRegistry registry;
    private final RequestHandlers handlers;
    private final Executor readPool;
    private final JournalMetrics metrics;
    private final TailWaiters tails = new TailWaiters();

    public RequestDispatcher(JournalRegistry registry, Executor readPool, JournalMetrics metrics) {
        this(registry, readPool, metrics, PeerProbe.NONE);
    }

    /** As above; {@code peers} lets a wiped node rejoin journals its peers hold. */
    public RequestDispatcher(JournalRegistry registry, Executor readPool, JournalMetrics metrics, PeerProbe peers) {
        this.registry = registry;
        this.handlers = new RequestHandlers(registry, peers);
        this.readPool = readPool;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (frame.kind() != Frame.Kind.REQUEST || !(frame.body() instanceof Request request)) {
            LOG.warn(
                    "Closing {}: expected a request, got a {} {}",
                    ctx.channel().remoteAddress(),
                    frame.kind(),
                    frame.type());
            ctx.close();
            return;
        }
        long arrived = System.nanoTime();
        Runnable task = () -> serve(ctx, frame.callId(), request, arrived);
        try {
            if (request instanceof Requests.TailEdits tail) {
                readPool.execute(() -> serveTail(ctx, frame.callId(), tail));
                return;
            }
            if (RequestHandlers.isRead(request.type())) {
                readPool.execute(task);
                return;
            }
            JournalRegistry.Lane lane = registry.find(request.journalId());
            if (lane == null) {
                // Unknown journals: nothing to serialize against; FORMAT creates the lane.
                readPool.execute(task);
            } else if (runsInline(request) && lane.idle()) {
                // Everything this connection sent before has finished (reads aside), so running
                // the write here keeps its order; the journal's monitor orders it against other
                // connections. It saves two thread hand-offs on the path of every flush.
                task.run();
            } else {
                lane.submit(task);
            }
        } catch (RejectedExecutionException e) {
            reply(
                    ctx,
                    frame.callId(),
                    request,
                    new JournalException(
                            ErrorCode.INTERNAL,
                            "journal " + request.journalId() + ": JournalNode is shutting down; retry another node"));
        } catch (Exception e) {
            reply(ctx, frame.callId(), request, e);
        }
    }

    /**
     * Short, frequent mutations that may run on the I/O thread: appending a batch (one positional
     * write and one fsync) and heartbeats. Recovery, format, purge and the like always take the
     * lane, because they may take long.
     */
    private static boolean runsInline(Request request) {
        return request.type() == MessageType.JOURNAL || request.type() == MessageType.HEARTBEAT;
    }

    private void serve(ChannelHandlerContext ctx, long callId, Request request, long arrivedNanos) {
        Message answer;
        try {
            answer = handlers.handle(request);
        } catch (Throwable t) {
            reply(ctx, callId, request, t);
            return;
        }
        ctx.writeAndFlush(Frame.response(callId, request.type(), answer));
        if (request.type() == MessageType.JOURNAL) {
            metrics.journalServed(System.nanoTime() - arrivedNanos);
        }
        if (!RequestHandlers.isRead(request.type())) {
            tails.wake(request.journalId());
        }
    }

    private void serveTail(ChannelHandlerContext ctx, long callId, Requests.TailEdits request) {
        TailWaiters.Reply reply = new TailWaiters.Reply() {
            @Override
            public void send(Message answer) {
                ctx.writeAndFlush(Frame.response(callId, request.type(), answer));
            }

            @Override
            public void fail(Throwable cause) {
                reply(ctx, callId, request, cause);
            }
        };
        try {
            tails.serve(handlers.journal(request), request, reply, ctx.executor());
        } catch (Throwable t) {
            reply.fail(t);
        }
    }

    private void reply(ChannelHandlerContext ctx, long callId, Request request, Throwable t) {
        Responses.Failure f = FailureMapper.toFailure(request.type(), request.journalId(), t);
        metrics.requestFailed(request.journalId(), f.code());
        if (f.code() == ErrorCode.INTERNAL || f.code() == ErrorCode.IO || f.code() == ErrorCode.STORAGE_FULL) {
            LOG.error("[{}] {} failed: {}", request.journalId(), request.type(), f.message(), FailureMapper.unwrap(t));
        } else {
            LOG.debug("[{}] {} refused: {} {}", request.journalId(), request.type(), f.code(), f.message());
        }
        ctx.writeAndFlush(Frame.response(callId, request.type(), f));
    }

    /** Tail reads parked until their journal grows. */
    public int parkedTailReads() {
        return tails.parkedCount();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
