package io.qjmkit.journalnode;

import static io.qjmkit.journalnode.TestEdits.LAYOUT;
import static io.qjmkit.journalnode.TestEdits.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.journalnode.TestEdits.Writer;
import io.qjmkit.journalnode.config.JournalNodeConfig;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.protocol.transport.EventLoops;
import io.qjmkit.protocol.transport.JournalClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JournalNodes on loopback, driven by the protocol's own client. */
class JournalNodeSocketTest {
    @TempDir
    Path dir;

    private final EventLoopGroup group = EventLoops.create("test-client", 1);
    private JournalNode a;
    private JournalNode b;
    private JournalClient toA;
    private JournalClient toB;

    @AfterEach
    void tearDown() {
        for (JournalClient c : new JournalClient[] {toA, toB}) {
            if (c != null) {
                c.close();
            }
        }
        for (JournalNode n : new JournalNode[] {a, b}) {
            if (n != null) {
                n.close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static JournalNode start(Path editsDir, List<InetSocketAddress> peers) throws Exception {
        JournalNode n = new JournalNode(
                new JournalNodeConfig(
                        editsDir,
                        new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0),
                        peers,
                        true,
                        Duration.ofMillis(100)),
                JournalMetrics.NONE);
        n.start();
        return n;
    }

    private static <M extends Message> M call(JournalClient c, Request r, Class<M> type) throws Exception {
        return c.call(r, type).get(10, TimeUnit.SECONDS);
    }

    @Test
    void clientWritesFinalizesAndReadsBackAndAPeerFillsTheMissingSegment() throws Exception {
        a = start(dir.resolve("a"), List.of());
        b = start(dir.resolve("b"), List.of(a.rpcAddress()));
        assertThat(a.state()).isEqualTo(JournalNode.State.RUNNING);
        toA = new JournalClient(group, a.rpcAddress(), 2000);
        toB = new JournalClient(group, b.rpcAddress(), 2000);

        for (JournalClient c : new JournalClient[] {toA, toB}) {
            call(c, new Requests.Format("ns1", NS, false), Responses.Empty.class);
        }
        Writer w = new Writer("ns1", 1);
        call(toA, new Requests.NewEpoch("ns1", NS, 1), Responses.NewEpoch.class);
        call(toA, new Requests.StartSegment(w.info(), 1, LAYOUT), Responses.Empty.class);
        assertThat(call(toA, w.journal(1, 1, 40), Responses.Journaled.class).lastTxId())
                .isEqualTo(40);
        call(toA, new Requests.FinalizeSegment(w.info(), 1, 40), Responses.Empty.class);

        Responses.Edits e = call(toA, new Requests.ReadEdits("ns1", 0, 11, 20, 1 << 20), Responses.Edits.class);
        assertThat(e.segment()).isEqualTo(new SegmentInfo(1, 40, false));
        assertThat(e.firstTxId()).isEqualTo(11);
        assertThat(e.lastTxId()).isEqualTo(20);
        assertThat(OpFraming.scan(e.ops(), 11).opCount()).isEqualTo(10);

        // B never saw segment 1-40: its peer sync copies it from A.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        call(toB, new Requests.GetManifest("ns1", 0, true), Responses.Manifest.class)
                                .segments())
                .containsExactly(new SegmentInfo(1, 40, false)));
        Responses.Edits fromB = call(toB, new Requests.ReadEdits("ns1", 1, 1, 40, 1 << 20), Responses.Edits.class);
        assertThat(fromB.ops())
                .isEqualTo(call(toA, new Requests.ReadEdits("ns1", 1, 1, 40, 1 << 20), Responses.Edits.class)
                        .ops());
    }

    @Test
    void acceptRecoveryFetchesTheChosenSegmentOverTheWire() throws Exception {
        a = start(dir.resolve("a"), List.of());
        b = start(dir.resolve("b"), List.of());
        toA = new JournalClient(group, a.rpcAddress(), 2000);
        toB = new JournalClient(group, b.rpcAddress(), 2000);
        for (JournalClient c : new JournalClient[] {toA, toB}) {
            call(c, new Requests.Format("ns1", NS, false), Responses.Empty.class);
            call(c, new Requests.NewEpoch("ns1", NS, 1), Responses.NewEpoch.class);
        }
        Writer wa = new Writer("ns1", 1);
        call(toA, new Requests.StartSegment(wa.info(), 1, LAYOUT), Responses.Empty.class);
        call(toA, wa.journal(1, 1, 25), Responses.Journaled.class);

        Writer w2 = new Writer("ns1", 2);
        call(toB, new Requests.NewEpoch("ns1", NS, 2), Responses.NewEpoch.class);
        assertThat(call(toB, new Requests.PrepareRecovery(w2.info(), 1), Responses.Prepared.class)
                        .segment())
                .isNull();
        SegmentInfo chosen = new SegmentInfo(1, 25, true);
        String source = "127.0.0.1:" + a.rpcAddress().getPort();
        call(toB, new Requests.AcceptRecovery(w2.info(), chosen, source, 1), Responses.Empty.class);
        call(toB, new Requests.FinalizeSegment(w2.info(), 1, 25), Responses.Empty.class);
        assertThat(call(toB, new Requests.GetManifest("ns1", 0, true), Responses.Manifest.class)
                        .segments())
                .containsExactly(new SegmentInfo(1, 25, false));
    }
}
