package io.qjmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.protocol.transport.EventLoops;
import io.qjmkit.protocol.transport.JournalClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniJournalClusterTest {
    private static final NamespaceMeta NS = new NamespaceMeta(-66, 42, "cid", 0, "bp");

    @TempDir
    Path dir;

    private final EventLoopGroup group = EventLoops.create("mjc-test", 1);
    private MiniJournalCluster cluster;
    private long serial;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private <M extends Message> M call(int node, Request r, Class<M> type) throws Exception {
        try (JournalClient c = new JournalClient(group, cluster.rpcAddress(node), 2000)) {
            return c.call(r, type).get(10, TimeUnit.SECONDS);
        }
    }

    private RequestInfo info(long epoch) {
        return new RequestInfo("ns1", epoch, serial++, 0);
    }

    @Test
    void nodesKeepTheirPortsAndDataAcrossRestartsAndAWipedNodeRejoins() throws Exception {
        cluster = MiniJournalCluster.builder()
                .nodes(3)
                .baseDir(dir)
                .syncInterval(Duration.ofMillis(100))
                .build();
        cluster.start();
        InetSocketAddress before = cluster.rpcAddress(2);
        assertThat(cluster.quorumUri("ns1").toString())
                .matches("qjournal://127\\.0\\.0\\.1:\\d+;127\\.0\\.0\\.1:\\d+;127\\.0\\.0\\.1:\\d+/ns1");

        // Step by step over all nodes, as a writer does: a node that finalized the segment before
        // another started it would let the nodes' background sync (every 100 ms) copy the
        // finalized segment to that one, which then refuses to start it.
        for (int i = 0; i < 3; i++) {
            call(i, new Requests.Format("ns1", NS, false), Responses.Empty.class);
        }
        for (int i = 0; i < 3; i++) {
            call(i, new Requests.NewEpoch("ns1", NS, 1), Responses.NewEpoch.class);
        }
        for (int i = 0; i < 3; i++) {
            call(i, new Requests.StartSegment(info(1), 1, -66), Responses.Empty.class);
        }
        for (int i = 0; i < 3; i++) {
            call(i, new Requests.Journal(info(1), 1, 1, 10, TestOps.ops(1, 10)), Responses.Journaled.class);
        }
        for (int i = 0; i < 3; i++) {
            call(i, new Requests.FinalizeSegment(info(1), 1, 10), Responses.Empty.class);
        }
        assertThat(cluster.storageDir(2, "ns1").resolve("current/edits_0000000000000000001-0000000000000000010"))
                .exists();

        cluster.restartNode(2);
        assertThat(cluster.rpcAddress(2)).isEqualTo(before);
        assertThat(call(2, new Requests.GetManifest("ns1", 0, true), Responses.Manifest.class)
                        .segments())
                .containsExactly(new SegmentInfo(1, 10, false));

        cluster.stopNode(2);
        assertThatThrownBy(() -> cluster.wipeNode(0)).isInstanceOf(IllegalStateException.class);
        cluster.wipeNode(2);
        assertThat(Files.exists(cluster.storageDir(2, "ns1"))).isFalse();
        cluster.restartNode(2);
        assertThatThrownBy(() -> call(2, new Requests.GetManifest("ns1", 0, true), Responses.Manifest.class))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        JournalException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FORMATTED));

        // The next writer's new epoch reaches the wiped node: it rejoins and refills from peers.
        call(2, new Requests.NewEpoch("ns1", NS, 2), Responses.NewEpoch.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        call(2, new Requests.GetManifest("ns1", 0, true), Responses.Manifest.class)
                                .segments())
                .containsExactly(new SegmentInfo(1, 10, false)));
    }
}
