package io.qjmkit.client.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.qjmkit.protocol.codec.Frame;
import io.qjmkit.protocol.codec.JournalPipeline;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.testkit.TestOps;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GAP path of catch-up against a scripted JournalNode on loopback: when the node answers a
 * batch with GAP(its last txid), the channel resends what the node misses from its retained
 * batches, in order, and is in sync again without waiting for the next segment.
 */
class RemoteJournalChannelGapTest {
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final ScriptedNode node = new ScriptedNode();
    private RemoteJournalChannel channel;
    private WriterLinks links;

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.close();
            links.close();
        }
        node.server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Keeps a last txid; refuses a batch that does not follow it with GAP. */
    final class ScriptedNode extends SimpleChannelInboundHandler<Frame> {
        volatile long last;
        volatile boolean dropNextJournal;
        final List<Long> firstTxIds = new CopyOnWriteArrayList<>();
        final List<Long> serials = new CopyOnWriteArrayList<>();
        final Channel server;

        ScriptedNode() {
            ScriptedNode self = this;
            server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            JournalPipeline.installServer(ch.pipeline());
                            ch.pipeline().addLast(self);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0))
                    .syncUninterruptibly()
                    .channel();
        }

        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
            Message answer;
            if (f.body() instanceof Requests.Journal j) {
                firstTxIds.add(j.firstTxId());
                if (dropNextJournal) {
                    dropNextJournal = false;
                    return;
                }
                serials.add(j.info().ipcSerial());
                if (j.firstTxId() > last + 1) {
                    answer = new Responses.Failure(MessageType.JOURNAL, ErrorCode.GAP, "gap after " + last, last);
                } else {
                    last = Math.max(last, j.lastTxId());
                    answer = new Responses.Journaled(last);
                }
            } else {
                answer = new Responses.Empty(f.type());
            }
            ctx.writeAndFlush(Frame.response(f.callId(), f.type(), answer));
        }
    }

    private static Batch batch(long first, int n) {
        return new Batch(first, n, TestOps.ops(first, n));
    }

    /** Connects the channel in epoch 1, starts segment 1 and has txids 1-2 acked. */
    private void openSegmentHoldingTxids1And2() throws Exception {
        InetSocketAddress addr = (InetSocketAddress) node.server.localAddress();
        links = new WriterLinks(group.next());
        channel = new RemoteJournalChannel("j", addr, group.next(), links, 1000, 1 << 20);
        channel.setEpoch(1);
        channel.startSegment(1, -66).get(5, TimeUnit.SECONDS);
        channel.journal(batch(1, 2)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void resendsRetainedBatchesAfterAGapAndIsInSyncAgain() throws Exception {
        openSegmentHoldingTxids1And2();
        node.dropNextJournal = true; // txids 3-4 never reach the node's log and are never acked
        var lost = channel.journal(batch(3, 2));
        var failed = channel.journal(batch(5, 2));
        await().atMost(Duration.ofSeconds(5)).until(failed::isDone);
        assertThat(failed).isCompletedExceptionally();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(node.last).isEqualTo(6);
            assertThat(channel.syncState()).isEqualTo(SyncState.IN_SYNC);
        });
        assertThat(node.firstTxIds).containsExactly(1L, 3L, 5L, 3L, 5L);
        assertThat(lost).isNotDone();
        assertThat(node.serials).isSorted().doesNotHaveDuplicates();
        channel.journal(batch(7, 1)).get(5, TimeUnit.SECONDS);
        assertThat(node.last).isEqualTo(7);
    }

    @Test
    void givesUpUntilTheNextSegmentWhenTheMissingTxidsAreNoLongerHeld() throws Exception {
        openSegmentHoldingTxids1And2();
        node.last = 0; // acked txids 1-2 are gone from the node and from the retained batches
        var failed = channel.journal(batch(3, 1));
        await().atMost(Duration.ofSeconds(5)).until(failed::isDone);
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.syncState() == SyncState.GIVEN_UP);
        assertThat(channel.journal(batch(4, 1))).failsWithin(Duration.ofSeconds(5));
        channel.finalizeSegment(1, 4).get(5, TimeUnit.SECONDS);
        channel.startSegment(5, -66).get(5, TimeUnit.SECONDS);
        assertThat(channel.syncState()).isEqualTo(SyncState.IN_SYNC);
    }
}
