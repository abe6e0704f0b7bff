package io.qjmkit.client.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.qjmkit.protocol.codec.ForeignProtocol;
import io.qjmkit.protocol.codec.Frame;
import io.qjmkit.protocol.codec.FrameDecoder;
import io.qjmkit.protocol.codec.FrameEncoder;
import io.qjmkit.protocol.codec.WirePreamble;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's own connection to one JournalNode, with no event-loop thread of its own. The
 * calling thread encodes and writes its request at once; the answers are read by whichever thread
 * polls the journal's {@link WriterLinks}, normally the writer waiting for its quorum. A batch thus
 * goes from the flushing thread to the socket, and its ack from the socket to the flushing thread,
 * without a hand-off between threads.
 *
 * <p>Requests are written in the order {@link #call} is invoked. Writes never block: what the
 * socket does not take at once is queued and written when the poller finds the socket writable, so
 * a stalled JournalNode cannot hold up a writer that a majority answers. Connecting is lazy and
 * non-blocking too; a lost connection fails every pending call, and the next call reconnects.
 * Futures are never completed while {@link #sendLock} is held, as their callbacks may call again.
 */
final class WriterLink {
    private static final Logger LOG = LoggerFactory.getLogger(WriterLink.class);
    private static final int INPUT_BYTES = 64 * 1024;

    private final InetSocketAddress address;
    private final String name;
    private final WriterLinks links;
    private final long connectTimeoutNanos;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();
    // Under sendLock:
    private long nextCallId = 1;
    private Connection connection;
    private boolean closed;
    private volatile boolean open;

    private record Pending(Request request, CompletableFuture<Message> future) {}

    WriterLink(InetSocketAddress address, WriterLinks links, int connectTimeoutMs) {
        this.address = address;
        this.name = "JournalNode " + address.getHostString() + ":" + address.getPort();
        this.links = links;
        this.connectTimeoutNanos = connectTimeoutMs * 1_000_000L;
    }

    /**
     * Sends {@code request}; the future completes with the answer of type {@code type}, or
     * exceptionally with an {@link IOException} naming the node (a {@link
     * io.qjmkit.protocol.message.JournalException} when the node refused the request).
     */
    <M extends Message> CompletableFuture<M> call(Request request, Class<M> type) {
        CompletableFuture<Message> raw = new CompletableFuture<>();
        List<Pending> failed = List.of();
        IOException failure = null;
        synchronized (sendLock) {
            if (closed) {
                failure = new IOException("the writer's connection to " + name + " is closed");
                failed = List.of(new Pending(request, raw));
            } else {
                long id = nextCallId++;
                pending.put(id, new Pending(request, raw));
                try {
                    Connection c = connection != null ? connection : connect();
                    c.enqueue(encode(id, request));
                } catch (ConnectException e) {
                    failure = e;
                    failed = removeAll();
                } catch (IOException | ClosedSelectorException e) {
                    failure = new IOException("could not send " + request.type() + " to " + name + ": " + e, e);
                    failed = disconnectLocked(connection);
                    if (failed.isEmpty()) {
                        failed = removeAll();
                    }
                }
            }
        }
        fail(failed, failure);
        return raw.thenApply(m -> Responses.as(request, m, type));
    }

    private static ByteBuffer encode(long id, Request request) {
        int hint = 160 + (request instanceof Requests.Journal j ? j.records().length : 0);
        ByteBuf out = Unpooled.buffer(hint);
        FrameEncoder.encodeTo(Frame.request(id, request), out);
        return out.nioBuffer();
    }

    private Connection connect() throws IOException {
        SocketChannel socket = SocketChannel.open();
        try {
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            boolean connected = socket.connect(address);
            Connection c = new Connection(socket, connected, System.nanoTime() + connectTimeoutNanos);
            c.key = links.register(socket, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            c.enqueue(ByteBuffer.wrap(WirePreamble.bytes()));
            connection = c;
            open = true;
            LOG.debug("Writer connection to {} {}", name, connected ? "established" : "in progress");
            return c;
        } catch (IOException e) {
            socket.close();
            throw connectFailure(e);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private ConnectException connectFailure(Throwable cause) {
        ConnectException e = new ConnectException("cannot connect to " + name + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /** True while a connection is established or being established. */
    boolean isOpen() {
        return open;
    }

    /** Gives up a connection still not established at {@code now}. Called by the poller. */
    void checkConnectDeadline(long now) {
        List<Pending> failed = List.of();
        synchronized (sendLock) {
            Connection c = connection;
            if (c != null && !c.connected && now - c.connectDeadline > 0) {
                failed = disconnectLocked(c);
            }
        }
        // Called on every poll: the exception (its stack walk is not cheap) only when a call fails.
        if (!failed.isEmpty()) {
            fail(
                    failed,
                    new ConnectException("cannot connect to " + name + ": no answer within "
                            + connectTimeoutNanos / 1_000_000 + " ms"));
        }
    }

    /** Drops {@code c} if it is still the current connection; returns the calls to fail. */
    private List<Pending> disconnectLocked(Connection c) {
        if (c == null || connection != c) {
            return List.of();
        }
        connection = null;
        open = false;
        try {
            c.socket.close();
        } catch (IOException e) {
            LOG.debug("Closing the writer connection to {}: {}", name, e.toString());
        }
        return removeAll();
    }

    private List<Pending> removeAll() {
        List<Pending> out = new ArrayList<>();
        for (Long id : pending.keySet()) {
            Pending p = pending.remove(id);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private void lost(Connection c, IOException cause) {
        List<Pending> failed;
        synchronized (sendLock) {
            failed = disconnectLocked(c);
        }
        if (!failed.isEmpty()) {
            LOG.warn("Writer connection to {} lost with {} calls pending: {}", name, failed.size(), cause.getMessage());
        }
        fail(failed, cause);
    }

    private static void fail(List<Pending> calls, IOException cause) {
        for (Pending p : calls) {
            p.future().completeExceptionally(cause);
        }
    }

    /** Fails every pending call and refuses new ones. */
    void close() {
        List<Pending> failed;
        synchronized (sendLock) {
            closed = true;
            failed = disconnectLocked(connection);
        }
        fail(failed, new IOException("the writer's connection to " + name + " was closed"));
    }

    @Override
    public String toString() {
        return name;
    }

    /** One socket's worth of state: a reconnect starts a new one, so stale events find nothing. */
    final class Connection {
        private final SocketChannel socket;
        private final long connectDeadline;
        private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
        private SelectionKey key;
        private boolean connected;
        private boolean wantsWrite;
        // Touched only by the thread holding the poll lock:
        private ByteBuffer input = ByteBuffer.allocate(INPUT_BYTES);
        private boolean preambleRead;
        private boolean answered;

        private Connection(SocketChannel socket, boolean connected, long connectDeadline) {
            this.socket = socket;
            this.connected = connected;
            this.connectDeadline = connectDeadline;
        }

        /** Queues a frame and writes what the socket takes now. Under sendLock. */
        private void enqueue(ByteBuffer frame) throws IOException {
            output.add(frame);
            if (connected && output.size() == 1) {
                writeQueued();
            }
        }

        /** Under sendLock. */
        private void writeQueued() throws IOException {
            while (!output.isEmpty()) {
                ByteBuffer head = output.peek();
                socket.write(head);
                if (head.hasRemaining()) {
                    break;
                }
                output.poll();
            }
            boolean want = !output.isEmpty();
            if (want != wantsWrite) {
                wantsWrite = want;
                key.interestOps(SelectionKey.OP_READ | (want ? SelectionKey.OP_WRITE : 0));
                links.interestChanged();
            }
        }

        /** The poller found this socket ready. */
        void onReady(SelectionKey k) {
            try {
                int ready = k.readyOps();
                if ((ready & (SelectionKey.OP_CONNECT | SelectionKey.OP_WRITE)) != 0) {
                    onWritable();
                }
                if ((ready & SelectionKey.OP_READ) != 0) {
                    read();
                }
            } catch (CancelledKeyException e) {
                // Disconnected meanwhile; the pending calls have been failed.
            } catch (IOException e) {
                lost(this, e instanceof ConnectException ? e : new IOException(name + ": " + e.getMessage(), e));
            }
        }

        private void onWritable() throws IOException {
            synchronized (sendLock) {
                if (connection != this) {
                    return;
                }
                if (!connected) {
                    try {
                        socket.finishConnect();
                    } catch (IOException e) {
                        throw connectFailure(e);
                    }
                    connected = true;
                    wantsWrite = true;
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    LOG.debug("Writer connection to {} established", name);
                }
                writeQueued();
            }
        }

        private void read() throws IOException {
            int read;
            try {
                read = socket.read(input);
            } catch (IOException e) {
                if (answered) {
                    throw e;
                }
                throw new IOException(name + " " + ForeignProtocol.closedWithoutAnswering(e.getMessage()), e);
            }
            if (read < 0) {
                throw new IOException(name + " "
                        + (answered ? "closed the connection" : ForeignProtocol.closedWithoutAnswering(null)));
            }
            input.flip();
            if (!preambleRead && !readPreamble()) {
                input.compact();
                return;
            }
            while (input.remaining() >= 4) {
                int length = input.getInt(input.position());
                if (length < 10 || length > FrameDecoder.MAX_FRAME_BYTES) {
                    throw new IOException(name + " sent a frame of " + length + " bytes; closing the connection");
                }
                if (input.remaining() < 4 + length) {
                    if (input.capacity() < 4 + length) {
                        input = ByteBuffer.allocate(4 + length).put(input);
                        input.flip();
                    }
                    break;
                }
                Frame frame = decode(input.array(), input.arrayOffset() + input.position() + 4, length);
                input.position(input.position() + 4 + length);
                deliver(frame);
            }
            input.compact();
        }

        /** Checks the node's preamble once it has arrived; false while it is incomplete. */
        private boolean readPreamble() throws IOException {
            int at = input.arrayOffset() + input.position();
            if (input.remaining() >= ForeignProtocol.PREFIX_BYTES) {
                Optional<String> foreign = ForeignProtocol.recognize(
                        Arrays.copyOfRange(input.array(), at, at + ForeignProtocol.PREFIX_BYTES));
                if (foreign.isPresent()) {
                    throw new IOException(ForeignProtocol.mistake(name, foreign.get()));
                }
            }
            if (input.remaining() < WirePreamble.BYTES) {
                return false;
            }
            String problem = WirePreamble.problem(name, Arrays.copyOfRange(input.array(), at, at + WirePreamble.BYTES));
            if (problem != null) {
                throw new IOException(problem);
            }
            input.position(input.position() + WirePreamble.BYTES);
            preambleRead = true;
            return true;
        }

        private Frame decode(byte[] bytes, int offset, int length) throws IOException {
            try {
                return FrameDecoder.decodeFrame(Unpooled.wrappedBuffer(bytes, offset, length));
            } catch (RuntimeException e) {
                throw new IOException(name + " sent a malformed frame: " + e.getMessage(), e);
            }
        }

        private void deliver(Frame frame) {
            answered = true;
            Pending p = pending.remove(frame.callId());
            if (p == null) {
                LOG.debug("Answer to unknown or abandoned call {} from {}", frame.callId(), name);
            } else if (frame.body() instanceof Responses.Failure failure) {
                p.future()
                        .completeExceptionally(failure.toException(
                                address.getHostString() + ":" + address.getPort() + " " + frame.type()));
            } else {
                p.future().complete(frame.body());
            }
        }
    }
}
