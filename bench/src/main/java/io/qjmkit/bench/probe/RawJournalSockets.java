package io.qjmkit.bench.probe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.qjmkit.protocol.codec.Frame;
import io.qjmkit.protocol.codec.FrameDecoder;
import io.qjmkit.protocol.codec.FrameEncoder;
import io.qjmkit.protocol.codec.WirePreamble;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One plain socket per JournalNode, written and read by the calling thread itself: a batch goes
 * out on every socket and the call returns when a majority acknowledged it, with no event-loop
 * thread in between. Acks of a slower node for earlier batches are read and dropped on the way.
 */
final class RawJournalSockets implements Closeable {
    /** Far above any serial a real writer of the epoch uses, so the JournalNodes accept ours. */
    private static final long FIRST_SERIAL = 1_000_000_000L;

    private final String journalId;
    private final List<SocketChannel> sockets = new ArrayList<>();
    private final Map<SocketChannel, ByteBuffer> input = new HashMap<>();
    private final Selector selector;
    private long serial = FIRST_SERIAL;
    private long callId = 1L << 40;

    RawJournalSockets(String journalId, List<InetSocketAddress> nodes) throws IOException {
        this.journalId = journalId;
        this.selector = Selector.open();
        for (InetSocketAddress node : nodes) {
            SocketChannel s = SocketChannel.open(node);
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            exchangePreambles(s);
            s.configureBlocking(false);
            s.register(selector, SelectionKey.OP_READ);
            sockets.add(s);
            input.put(s, ByteBuffer.allocate(1 << 16));
        }
    }

    /** Sends this build's wire preamble and checks the node's answer (still blocking). */
    private static void exchangePreambles(SocketChannel s) throws IOException {
        ByteBuffer ours = ByteBuffer.wrap(WirePreamble.bytes());
        while (ours.hasRemaining()) {
            s.write(ours);
        }
        ByteBuffer theirs = ByteBuffer.allocate(WirePreamble.BYTES);
        while (theirs.hasRemaining()) {
            if (s.read(theirs) < 0) {
                throw new IOException("JournalNode " + s.getRemoteAddress() + " closed the connection");
            }
        }
        String problem = WirePreamble.problem("JournalNode " + s.getRemoteAddress(), theirs.array());
        if (problem != null) {
            throw new IOException(problem);
        }
    }

    /** The epoch the first node promised last: the current writer's, once it has started. */
    long promisedEpoch() throws IOException {
        long id = callId++;
        send(sockets.get(0), Frame.request(id, new Requests.GetJournalState(journalId)));
        while (true) {
            for (Frame f : readAvailable()) {
                if (f.callId() == id && f.body() instanceof Responses.JournalState st) {
                    return st.lastPromisedEpoch();
                }
            }
        }
    }

    /**
     * Appends one batch to the open segment {@code segmentTxId} in {@code epoch}; returns once a
     * majority acknowledged it.
     */
    void journal(long epoch, long segmentTxId, long firstTxId, int numTxns, byte[] records) throws IOException {
        long id = callId++;
        RequestInfo info = new RequestInfo(journalId, epoch, serial++, firstTxId - 1);
        Frame request = Frame.request(id, new Requests.Journal(info, segmentTxId, firstTxId, numTxns, records));
        for (SocketChannel s : sockets) {
            send(s, request);
        }
        int acks = 0;
        while (acks < sockets.size() / 2 + 1) {
            for (Frame f : readAvailable()) {
                Message body = f.body();
                if (!(body instanceof Responses.Journaled)) {
                    throw new IOException("a JournalNode refused batch " + f.callId() + ": " + body);
                }
                if (f.callId() == id) {
                    acks++;
                }
            }
        }
    }

    private static void send(SocketChannel s, Frame frame) throws IOException {
        ByteBuf encoded = Unpooled.buffer(256);
        FrameEncoder.encodeTo(frame, encoded);
        ByteBuffer out = encoded.nioBuffer();
        while (out.hasRemaining()) {
            s.write(out);
        }
    }

    /** Blocks until some socket is readable; returns every whole frame read. */
    private List<Frame> readAvailable() throws IOException {
        List<Frame> frames = new ArrayList<>();
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
            SocketChannel s = (SocketChannel) key.channel();
            ByteBuffer in = input.get(s);
            if (s.read(in) < 0) {
                throw new IOException("JournalNode " + s.getRemoteAddress() + " closed the connection");
            }
            in.flip();
            while (in.remaining() >= 4 && in.remaining() >= 4 + in.getInt(in.position())) {
                byte[] frame = new byte[in.getInt()];
                in.get(frame);
                frames.add(FrameDecoder.decodeFrame(Unpooled.wrappedBuffer(frame)));
            }
            in.compact();
        }
        selector.selectedKeys().clear();
        return frames;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel s : sockets) {
            s.close();
        }
        selector.close();
    }
}
