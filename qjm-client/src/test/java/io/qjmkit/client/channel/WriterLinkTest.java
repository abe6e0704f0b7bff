package io.qjmkit.client.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.qjmkit.protocol.codec.Frame;
import io.qjmkit.protocol.codec.FrameDecoder;
import io.qjmkit.protocol.codec.FrameEncoder;
import io.qjmkit.protocol.codec.JournalPipeline;
import io.qjmkit.protocol.codec.WirePreamble;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer connection against scripted JournalNodes on loopback: answers read by the waiting
 * thread, writes that never block on a node that does not read, a lost connection failing what is
 * pending and the next call reconnecting, answers larger than the input buffer.
 */
@Timeout(30)
class WriterLinkTest {
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final List<Channel> servers = new ArrayList<>();
    private WriterLinks links;

    @AfterEach
    void tearDown() {
        if (links != null) {
            links.close();
        }
        servers.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Answers every request at once with what {@code answer} makes of it. */
    private InetSocketAddress scripted(java.util.function.Function<Frame, Message> answer, List<Channel> accepted) {
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        JournalPipeline.installServer(ch.pipeline());
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<Frame>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
                                ctx.writeAndFlush(Frame.response(f.callId(), f.type(), answer.apply(f)));
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
        servers.add(server);
        return (InetSocketAddress) server.localAddress();
    }

    private static Requests.Journal journal(long serial, long firstTxId, int bytes) {
        return new Requests.Journal(new RequestInfo("j", 1, serial, 0), 1, firstTxId, 1, new byte[bytes]);
    }

    private WriterLink link(InetSocketAddress node) throws IOException {
        links = new WriterLinks(group.next());
        return links.link(node, 2000);
    }

    @Test
    void theWaitingThreadReadsTheAnswersInTheOrderTheRequestsWereSent() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        WriterLink link = link(scripted(
                f -> {
                    Requests.Journal j = (Requests.Journal) f.body();
                    seen.add(j.firstTxId());
                    return new Responses.Journaled(j.lastTxId());
                },
                new CopyOnWriteArrayList<>()));
        List<CompletableFuture<Responses.Journaled>> calls = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            calls.add(link.call(journal(i, i, 100), Responses.Journaled.class));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
        links.await(all, 10_000);
        assertThat(all).isCompleted();
        assertThat(calls.get(49).join().lastTxId()).isEqualTo(50);
        assertThat(seen).hasSize(50).isSorted();
    }

    @Test
    void aNodeThatStopsReadingDoesNotBlockTheCaller() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            WriterLink link = link((InetSocketAddress) server.getLocalAddress());
            List<CompletableFuture<Responses.Journaled>> calls = new ArrayList<>();
            int batches = 48;
            int size = 1 << 20; // 48 MiB in all: far beyond what loopback socket buffers hold
            for (int i = 1; i <= batches; i++) {
                calls.add(link.call(journal(i, i, size), Responses.Journaled.class));
            }
            assertThat(calls).noneMatch(CompletableFuture::isDone);
            // The node starts reading: the queued rest follows, whole and in order, written by the sweeps.
            try (java.nio.channels.SocketChannel peer = server.accept()) {
                assertThat(readFully(peer, WirePreamble.BYTES).array()).isEqualTo(WirePreamble.bytes());
                for (int i = 1; i <= batches; i++) {
                    ByteBuffer length = readFully(peer, 4);
                    Frame frame = FrameDecoder.decodeFrame(Unpooled.wrappedBuffer(
                            readFully(peer, length.getInt(0)).flip()));
                    Requests.Journal j = (Requests.Journal) frame.body();
                    assertThat(j.firstTxId()).isEqualTo(i);
                    assertThat(j.records()).hasSize(size);
                }
            }
            assertThat(calls).noneMatch(CompletableFuture::isDone);
        }
    }

    private static ByteBuffer readFully(java.nio.channels.SocketChannel peer, int bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        while (buf.hasRemaining()) {
            assertThat(peer.read(buf)).as("bytes from the writer").isNotNegative();
        }
        return buf;
    }

    @Test
    void aLostConnectionFailsThePendingCallsAndTheNextCallReconnects() throws Exception {
        List<Channel> accepted = new CopyOnWriteArrayList<>();
        WriterLink link = link(scripted(
                f -> {
                    Requests.Journal j = (Requests.Journal) f.body();
                    if (j.firstTxId() == 1) {
                        accepted.get(0).close(); // the node goes away without answering
                    }
                    return new Responses.Journaled(j.lastTxId());
                },
                accepted));
        CompletableFuture<Responses.Journaled> first = link.call(journal(1, 1, 10), Responses.Journaled.class);
        links.await(first, 10_000);
        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(first::join).hasCauseInstanceOf(IOException.class).hasMessageContaining("JournalNode");
        CompletableFuture<Responses.Journaled> second = link.call(journal(2, 2, 10), Responses.Journaled.class);
        links.await(second, 10_000);
        assertThat(second.join().lastTxId()).isEqualTo(2);
        assertThat(accepted).hasSize(2);
    }

    @Test
    void aRefusedConnectionFailsTheCallNamingTheNode() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        WriterLink link = link(new InetSocketAddress("127.0.0.1", port));
        CompletableFuture<Responses.Journaled> call = link.call(journal(1, 1, 10), Responses.Journaled.class);
        links.await(call, 10_000);
        assertThatThrownBy(call::join)
                .hasCauseInstanceOf(ConnectException.class)
                .hasMessageContaining("cannot connect to JournalNode 127.0.0.1:" + port);
    }

    @Test
    void aConnectionNeverEstablishedFailsTheCallAtTheConnectTimeout() throws Exception {
        // A listener that never accepts, its accept queue filled: Linux then drops further SYNs, so a
        // connect stays pending (until its retransmission a second later) instead of being refused.
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress node = new InetSocketAddress("127.0.0.1", s.getLocalPort());
            List<java.net.Socket> queued = new ArrayList<>();
            try {
                boolean full = false;
                for (int i = 0; i < 16 && !full; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    queued.add(filler);
                    try {
                        filler.connect(node, 200);
                    } catch (java.net.SocketTimeoutException e) {
                        full = true;
                    }
                }
                assertThat(full).as("the accept queue filled up").isTrue();
                links = new WriterLinks(group.next());
                WriterLink link = links.link(node, 300);
                CompletableFuture<Responses.Journaled> call = link.call(journal(1, 1, 10), Responses.Journaled.class);
                links.await(call, 10_000);
                assertThatThrownBy(call::join)
                        .hasCauseInstanceOf(ConnectException.class)
                        .hasMessageContaining("cannot connect to JournalNode 127.0.0.1:" + node.getPort())
                        .hasMessageContaining("no answer within 300 ms");
            } finally {
                for (java.net.Socket q : queued) {
                    q.close();
                }
            }
        }
    }

    @Test
    void anHttpServerAtTheAddressIsNamedAsOne() throws Exception {
        Throwable failure = answeredBy(ByteBuffer.wrap(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(failure)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("speaks HTTP, not the qjm-kit journal protocol")
                .hasMessageContaining("dfs.journalnode.rpc-address");
    }

    @Test
    void aNodeThatClosesWithoutAnsweringGetsAHintAboutHadoopJournalNodes() throws Exception {
        Throwable failure = answeredBy(ByteBuffer.allocate(0));
        assertThat(failure)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed the connection without answering")
                .hasMessageContaining("a Hadoop JournalNode closes a qjm-kit client's connection at once");
    }

    @Test
    void aNodeOfAnotherWireVersionIsRefusedNamingBothVersions() throws Exception {
        int other = WirePreamble.VERSION + 1;
        ByteBuf answer = Unpooled.buffer();
        answer.writeBytes(WirePreamble.bytes(other));
        // What follows from such a node is never read as a frame of ours.
        FrameEncoder.encodeTo(Frame.response(1, MessageType.JOURNAL, new Responses.Journaled(1)), answer);
        Throwable failure = answeredBy(answer.nioBuffer());
        assertThat(failure)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("speaks qjm-kit wire version " + other)
                .hasMessageContaining("this end speaks version " + WirePreamble.VERSION);
    }

    @Test
    void aNodeThatAnswersWithoutAPreambleIsNamedAsAnOlderBuild() throws Exception {
        ByteBuf frame = Unpooled.buffer();
        FrameEncoder.encodeTo(Frame.response(1, MessageType.JOURNAL, new Responses.Journaled(1)), frame);
        Throwable failure = answeredBy(frame.nioBuffer());
        assertThat(failure)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not open with the qjm-kit wire preamble")
                .hasMessageContaining("a qjm-kit build from before wire versions");
    }

    /** The failure of a call to a peer that reads the request, sends {@code answer} and closes. */
    private Throwable answeredBy(ByteBuffer answer) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            WriterLink link = link((InetSocketAddress) server.getLocalAddress());
            CompletableFuture<Responses.Journaled> call = link.call(journal(1, 1, 10), Responses.Journaled.class);
            try (java.nio.channels.SocketChannel peer = server.accept()) {
                assertThat(readFully(peer, WirePreamble.BYTES).array()).isEqualTo(WirePreamble.bytes());
                readFully(peer, readFully(peer, 4).getInt(0)); // all of it: unread bytes would reset
                while (answer.hasRemaining()) {
                    peer.write(answer);
                }
            }
            links.await(call, 10_000);
            assertThat(call).isCompletedExceptionally();
            return call.handle((ok, e) -> e.getCause()).join();
        }
    }

    @Test
    void anAnswerLargerThanTheInputBufferArrivesWhole() throws Exception {
        String reason = "x".repeat(300_000);
        WriterLink link = link(scripted(
                f -> new Responses.Failure(MessageType.JOURNAL, ErrorCode.GAP, reason, 41),
                new CopyOnWriteArrayList<>()));
        CompletableFuture<Responses.Journaled> call = link.call(journal(1, 42, 10), Responses.Journaled.class);
        links.await(call, 10_000);
        assertThatThrownBy(call::join).cause().isInstanceOfSatisfying(JournalException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.GAP);
            assertThat(e.detail()).isEqualTo(41);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void callsAwaitedWithoutPollingAreAnsweredByTheSweep() throws Exception {
        WriterLink link = link(scripted(
                f -> new Responses.Journaled(((Requests.Journal) f.body()).lastTxId()), new CopyOnWriteArrayList<>()));
        CompletableFuture<Responses.Journaled> call = link.call(journal(1, 7, 10), Responses.Journaled.class);
        assertThat(call)
                .succeedsWithin(Duration.ofSeconds(10))
                .extracting(Responses.Journaled::lastTxId)
                .isEqualTo(7L);
    }
}
