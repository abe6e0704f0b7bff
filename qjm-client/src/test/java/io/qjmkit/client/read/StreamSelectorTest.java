package io.qjmkit.client.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.config.ClientConfig;
import io.qjmkit.client.config.Timeouts;
import io.qjmkit.client.testing.FakeChannel;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hdfs.server.namenode.EditLogInputStream;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOp;
import org.apache.hadoop.hdfs.server.namenode.HadoopOps;
import org.junit.jupiter.api.Test;

class StreamSelectorTest {
    private final FakeChannel jn1 = new FakeChannel("jn1:1");
    private final FakeChannel jn2 = new FakeChannel("jn2:2");
    private final FakeChannel jn3 = new FakeChannel("jn3:3");

    private List<EditLogInputStream> select(long from, boolean inProgressOk, boolean durable) throws Exception {
        List<EditLogInputStream> out = new ArrayList<>();
        selector(0).select(out, from, inProgressOk, durable);
        return out;
    }

    private StreamSelector selector(int tailWaitMs) {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 1);
        Timeouts t = new Timeouts(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
        ClientConfig config = new ClientConfig("j", List.of(a, a, a), t, true, 1 << 20, 1 << 20, 1000, tailWaitMs);
        return new StreamSelector(new ChannelSet(List.of(jn1, jn2, jn3)), config);
    }

    private static long readToEnd(EditLogInputStream s) throws Exception {
        long last = -1;
        FSEditLogOp op;
        while ((op = s.readOp()) != null) {
            last = op.getTransactionId();
        }
        return last;
    }

    @Test
    void inProgressSegmentEndsAtWhatAMajorityHoldsWhenOnlyDurableIsAsked() throws Exception {
        jn1.holding(1, 10, true, HadoopOps.framed(1, 10));
        jn2.holding(1, 7, true, HadoopOps.framed(1, 7));
        jn3.holding(1, 4, true, HadoopOps.framed(1, 4));
        List<EditLogInputStream> durable = select(1, true, true);
        assertThat(durable).hasSize(1);
        assertThat(durable.get(0).getLastTxId()).isEqualTo(7);
        assertThat(readToEnd(durable.get(0))).isEqualTo(7);
        List<EditLogInputStream> any = select(1, true, false);
        assertThat(any.get(0).getLastTxId()).isEqualTo(10);
    }

    @Test
    void returnsNoStreamWhenNothingExistsAtOrAfterFromTxid() throws Exception {
        jn1.holding(1, 10, false, HadoopOps.framed(1, 10));
        jn2.holding(1, 10, false, HadoopOps.framed(1, 10));
        assertThat(select(11, true, true)).isEmpty();
        assertThat(select(1, true, true)).hasSize(1);
    }

    @Test
    void skipsInProgressSegmentsUnlessAsked() throws Exception {
        jn1.holding(1, 10, true, HadoopOps.framed(1, 10));
        jn2.holding(1, 10, true, HadoopOps.framed(1, 10));
        assertThat(select(1, false, false)).isEmpty();
    }

    @Test
    void failsOverToAnotherNodeWhenOneCannotServe() throws Exception {
        jn1.holding(1, 10, false, HadoopOps.framed(1, 10));
        jn2.holding(1, 10, false, HadoopOps.framed(1, 10));
        jn3.holding(1, 10, false, HadoopOps.framed(1, 10));
        List<EditLogInputStream> streams = select(3, false, false);
        jn1.down = true;
        jn2.down = true;
        assertThat(streams).hasSize(1);
        assertThat(readToEnd(streams.get(0))).isEqualTo(10);
        assertThat(jn3.readCalls.get()).isPositive();
    }

    @Test
    void inProgressCopiesCountOnlyFromNodesThatSawTheNewestWriter() {
        Map<String, Responses.Manifest> answers = new LinkedHashMap<>();
        // jn1 missed the change to writer 2: its txids 5-9 are an older, unacknowledged version.
        answers.put("jn1", new Responses.Manifest(List.of(new SegmentInfo(5, 9, true)), -1, 1));
        answers.put("jn2", new Responses.Manifest(List.of(new SegmentInfo(5, 7, true)), -1, 2));
        assertThat(StreamSelector.readable(answers, 2, 5, true, true)).isEmpty();
        answers.put("jn3", new Responses.Manifest(List.of(new SegmentInfo(5, 6, true)), -1, 2));
        assertThat(StreamSelector.readable(answers, 2, 5, true, true))
                .containsExactlyInAnyOrder(
                        new StreamSelector.Readable<>("jn2", new SegmentInfo(5, 7, true), 5, 6),
                        new StreamSelector.Readable<>("jn3", new SegmentInfo(5, 6, true), 5, 6));
    }

    @Test
    void anInProgressCopyOfASegmentFinalizedElsewhereIsNeverRead() {
        Map<String, Responses.Manifest> answers = new LinkedHashMap<>();
        // Writer 24 wrote txids 59-60 on a third node only, writer 25 other ops as 59-60 on jn1
        // only. Writer 26 recovered segment 59 from the third node's copy and finalized it on jn0
        // alone; jn1 never heard of epoch 26, and jn0's last writer is still 25.
        answers.put("jn0", new Responses.Manifest(List.of(new SegmentInfo(59, 60, false)), -1, 25));
        answers.put("jn1", new Responses.Manifest(List.of(new SegmentInfo(59, 60, true)), -1, 25));
        assertThat(StreamSelector.readable(answers, 2, 59, true, true))
                .containsExactly(new StreamSelector.Readable<>("jn0", new SegmentInfo(59, 60, false), 59, 60));
        assertThat(StreamSelector.readable(answers, 2, 59, true, false))
                .as("nor when durability is not asked for: the finalized copy is the decided one")
                .containsExactly(new StreamSelector.Readable<>("jn0", new SegmentInfo(59, 60, false), 59, 60));
    }

    @Test
    void durableEndUsesTheClusterMajorityAndTheCommitPoint() {
        var c1 = new StreamSelector.Copy<>(jn1, new io.qjmkit.protocol.message.SegmentInfo(5, 9, true));
        assertThat(StreamSelector.durableEnd(List.of(c1), 2, 2, -1)).isEqualTo(4);
        assertThat(StreamSelector.durableEnd(List.of(c1), 2, 2, 8)).isEqualTo(8);
    }

    @Test
    void aTailingReaderGetsTheDurableEditsInOneLongPollWithoutManifests() throws Exception {
        jn1.holding(1, 10, true, HadoopOps.framed(1, 10));
        jn2.holding(1, 7, true, HadoopOps.framed(1, 7));
        jn3.down = true;
        List<EditLogInputStream> out = new ArrayList<>();
        selector(500).select(out, 4, true, true);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getLastTxId()).isEqualTo(7);
        assertThat(readToEnd(out.get(0))).isEqualTo(7);
        assertThat(jn1.tailCalls.get() + jn2.tailCalls.get()).isEqualTo(2);
        assertThat(jn1.readCalls.get() + jn2.readCalls.get())
                .as("the edits came with the tail answer")
                .isZero();
    }

    @Test
    void aNodeThatCannotServeTheTailSendsTheReaderToTheManifests() throws Exception {
        jn1.holding(1, 10, true, HadoopOps.framed(1, 10));
        jn2.holding(1, 10, true, HadoopOps.framed(1, 10));
        jn3.down = true;
        jn2.tailServed = false;
        List<EditLogInputStream> out = new ArrayList<>();
        selector(500).select(out, 4, true, true);
        assertThat(out).hasSize(1);
        assertThat(readToEnd(out.get(0))).isEqualTo(10);
        assertThat(jn1.readCalls.get() + jn2.readCalls.get())
                .as("read through READ_EDITS")
                .isPositive();
    }
}
