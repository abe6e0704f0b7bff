package io.qjmkit.journalnode.server;

import static io.qjmkit.journalnode.TestEdits.LAYOUT;
import static io.qjmkit.journalnode.TestEdits.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.qjmkit.journalnode.TestEdits.Writer;
import io.qjmkit.journalnode.journal.SegmentFetcher;
import io.qjmkit.journalnode.metrics.CounterJournalMetrics;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.storage.FaultyDisk;
import io.qjmkit.protocol.codec.Frame;
import io.qjmkit.protocol.codec.FrameDecoder;
import io.qjmkit.protocol.codec.FrameEncoder;
import io.qjmkit.protocol.codec.JournalPipeline;
import io.qjmkit.protocol.codec.WirePreamble;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server pipeline end to end without sockets: bytes in, bytes out. */
class RequestDispatcherTest {
    @TempDir
    Path dir;

    private final FaultyDisk disk = new FaultyDisk();
    private JournalRegistry registry;
    private EmbeddedChannel channel;
    private long callId;

    /** An executor that never shuts down; subclasses decide when tasks run. */
    private abstract static class TestExecutor extends AbstractExecutorService {
        public void shutdown() {}

        public List<Runnable> shutdownNow() {
            return List.of();
        }

        public boolean isShutdown() {
            return false;
        }

        public boolean isTerminated() {
            return true;
        }

        public boolean awaitTermination(long t, TimeUnit u) {
            return true;
        }
    }

    /** Runs every task on the calling thread, so the embedded channel sees answers at once. */
    private static final class DirectExecutor extends TestExecutor {
        public void execute(Runnable r) {
            r.run();
        }
    }

    private final CounterJournalMetrics metrics = new CounterJournalMetrics();

    @BeforeEach
    void setUp() throws IOException {
        registry = new JournalRegistry(dir, disk, JournalMetrics.NONE, SegmentFetcher.NONE, id -> new DirectExecutor());
        registry.loadExisting();
        channel = connected(new RequestDispatcher(registry, Runnable::run, metrics));
    }

    /** A server pipeline around {@code dispatcher} after a client's preamble and the answer to it. */
    private static EmbeddedChannel connected(RequestDispatcher dispatcher) {
        EmbeddedChannel ch = new EmbeddedChannel();
        JournalPipeline.installServer(ch.pipeline());
        ch.pipeline().addLast(dispatcher);
        ch.writeInbound(Unpooled.wrappedBuffer(WirePreamble.bytes()));
        ByteBuf answer = ch.readOutbound();
        byte[] preamble = new byte[answer.readableBytes()];
        answer.readBytes(preamble).release();
        assertThat(preamble).isEqualTo(WirePreamble.bytes());
        return ch;
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        registry.close();
    }

    /** Encodes the request as a client would, feeds the bytes in and decodes the answer's bytes. */
    private Frame call(Request request) {
        ByteBuf in = Unpooled.buffer();
        FrameEncoder.encodeTo(Frame.request(++callId, request), in);
        channel.writeInbound(in);
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("answer to " + request.type()).isNotNull();
        try {
            out.skipBytes(4);
            Frame f = FrameDecoder.decodeFrame(out);
            assertThat(f.callId()).isEqualTo(callId);
            return f;
        } finally {
            out.release();
        }
    }

    private Message ok(Request request) {
        Frame f = call(request);
        assertThat(f.kind()).as(String.valueOf(f.body())).isEqualTo(Frame.Kind.RESPONSE);
        return f.body();
    }

    private Responses.Failure failure(Request request) {
        Frame f = call(request);
        assertThat(f.kind()).isEqualTo(Frame.Kind.FAILURE);
        return (Responses.Failure) f.body();
    }

    private Writer formattedAndWriting(String jid) {
        ok(new Requests.Format(jid, NS, false));
        ok(new Requests.NewEpoch(jid, NS, 1));
        Writer w = new Writer(jid, 1);
        ok(new Requests.StartSegment(w.info(), 1, LAYOUT));
        return w;
    }

    @Test
    void unknownJournalIsUnformattedUntilFormatted() {
        assertThat(ok(new Requests.IsFormatted("ns1"))).isEqualTo(new Responses.Bool(false));
        Responses.Failure f = failure(new Requests.GetManifest("ns1", 0, true));
        assertThat(f.code()).isEqualTo(ErrorCode.NOT_FORMATTED);
        assertThat(f.message()).contains("ns1").contains("-format");
        ok(new Requests.Format("ns1", NS, false));
        assertThat(ok(new Requests.IsFormatted("ns1"))).isEqualTo(new Responses.Bool(true));
    }

    @Test
    void journalIdsThatEscapeTheEditsDirAreInvalid() {
        for (String bad : new String[] {"..", "a/b", "x y"}) {
            Responses.Failure f = failure(new Requests.Format(bad, NS, false));
            assertThat(f.code()).as(bad).isEqualTo(ErrorCode.INVALID);
            assertThat(f.message()).contains("letters, digits");
        }
    }

    @Test
    void writesAndReadsTravelThroughTheCodec() {
        Writer w = formattedAndWriting("ns1");
        assertThat(ok(w.journal(1, 1, 3))).isEqualTo(new Responses.Journaled(3));
        Responses.Edits e = (Responses.Edits) ok(new Requests.ReadEdits("ns1", 1, 2, 10, 1 << 16));
        assertThat(e.firstTxId()).isEqualTo(2);
        assertThat(e.lastTxId()).isEqualTo(3);
        Responses.Failure gap = failure(w.journal(1, 7, 1));
        assertThat(gap.code()).isEqualTo(ErrorCode.GAP);
        assertThat(gap.detail()).isEqualTo(3);
        assertThat(metrics.snapshot().journalServiceMicros().count())
                .as("answered appends timed; the refused one is not")
                .isEqualTo(1);
    }

    @Test
    void fullDiskIsStorageFullLosesNothingAckedAndOtherJournalsStillServe() {
        Writer w1 = formattedAndWriting("full");
        Writer w2 = formattedAndWriting("fine");
        ok(w1.journal(1, 1, 2));
        disk.onlyUnder(dir.resolve("full"));
        disk.failWrites(new IOException("No space left on device"));

        Responses.Failure f = failure(w1.journal(1, 3, 3000));
        assertThat(f.code()).isEqualTo(ErrorCode.STORAGE_FULL);
        assertThat(f.message()).contains("full").contains("dfs.journalnode.edits.dir");
        assertThat(ok(w2.journal(1, 1, 5))).isEqualTo(new Responses.Journaled(5));
        Responses.Manifest m = (Responses.Manifest) ok(new Requests.GetManifest("full", 0, true));
        assertThat(m.segments()).containsExactly(new SegmentInfo(1, 2, true));

        disk.heal();
        assertThat(ok(w1.journal(1, 3, 3000))).isEqualTo(new Responses.Journaled(3002));
        Responses.Edits e = (Responses.Edits) ok(new Requests.ReadEdits("full", 1, 1, 3002, 1 << 20));
        assertThat(e.lastTxId()).isEqualTo(3002);
    }

    /** Holds lane tasks until the test runs them, like a lane thread busy with a slow call. */
    private static final class HeldExecutor extends TestExecutor {
        final java.util.ArrayDeque<Runnable> held = new java.util.ArrayDeque<>();

        public void execute(Runnable r) {
            held.add(r);
        }

        void runAll() {
            while (!held.isEmpty()) {
                held.poll().run();
            }
        }
    }

    @Test
    void anAppendRunsOnTheIoThreadOnlyWhenNothingIsQueuedBeforeIt() throws IOException {
        HeldExecutor lane = new HeldExecutor();
        registry.close();
        registry = new JournalRegistry(dir, disk, JournalMetrics.NONE, SegmentFetcher.NONE, id -> lane);
        channel.finishAndReleaseAll();
        channel = connected(new RequestDispatcher(registry, Runnable::run, JournalMetrics.NONE));
        ok(new Requests.Format("ns1", NS, false));
        Writer w = new Writer("ns1", 1);

        // The epoch and segment start wait on the lane; the append behind them must not overtake.
        send(new Requests.NewEpoch("ns1", NS, 1));
        send(new Requests.StartSegment(w.info(), 1, LAYOUT));
        send(w.journal(1, 1, 3));
        assertThat((Object) channel.readOutbound())
                .as("nothing answered while the lane holds them")
                .isNull();
        lane.runAll();
        List<Frame> answered = answers(3);
        assertThat(answered)
                .extracting(Frame::type)
                .containsExactly(MessageType.NEW_EPOCH, MessageType.START_SEGMENT, MessageType.JOURNAL);
        assertThat(answered.get(2).body()).isEqualTo(new Responses.Journaled(3));

        // With the lane idle, the next append is answered at once, without the lane.
        assertThat(ok(w.journal(1, 4, 2))).isEqualTo(new Responses.Journaled(5));
        assertThat(lane.held).isEmpty();
    }

    private void send(Request request) {
        ByteBuf in = Unpooled.buffer();
        FrameEncoder.encodeTo(Frame.request(++callId, request), in);
        channel.writeInbound(in);
    }

    private List<Frame> answers(int n) {
        List<Frame> frames = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ByteBuf out = channel.readOutbound();
            assertThat(out).as("answer " + (i + 1) + " of " + n).isNotNull();
            try {
                out.skipBytes(4);
                frames.add(FrameDecoder.decodeFrame(out));
            } finally {
                out.release();
            }
        }
        return frames;
    }

    @Test
    void aTailReadAtTheNewestTxidWaitsForTheNextAppend() {
        Writer w = formattedAndWriting("ns1");
        ok(w.journal(1, 1, 3));
        Responses.Tail first = (Responses.Tail) ok(new Requests.TailEdits("ns1", 2, 1 << 16, 5000));
        assertThat(first.served()).isTrue();
        assertThat(first.firstTxId()).isEqualTo(2);
        assertThat(first.lastTxId()).isEqualTo(3);
        assertThat(first.segment()).isEqualTo(new SegmentInfo(1, 3, true));
        assertThat(first.writerEpoch()).isEqualTo(1);

        send(new Requests.TailEdits("ns1", 4, 1 << 16, 5000));
        assertThat((Object) channel.readOutbound())
                .as("parked: nothing after txid 3 yet")
                .isNull();
        send(w.journal(1, 4, 2));
        List<Frame> answered = answers(2);
        assertThat(answered.get(0).body()).as("the writer's ack comes first").isEqualTo(new Responses.Journaled(5));
        Responses.Tail woken = (Responses.Tail) answered.get(1).body();
        assertThat(woken.firstTxId()).isEqualTo(4);
        assertThat(woken.lastTxId()).isEqualTo(5);
    }

    @Test
    void aParkedTailReadEndsWithNothingNewWhenItsWaitRunsOut() {
        Writer w = formattedAndWriting("ns1");
        ok(w.journal(1, 1, 3));
        send(new Requests.TailEdits("ns1", 4, 1 << 16, 200));
        assertThat((Object) channel.readOutbound()).isNull();
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        Responses.Tail t = (Responses.Tail) answers(1).get(0).body();
        assertThat(t.served()).isTrue();
        assertThat(t.txCount()).isZero();
        assertThat(t.segment()).isEqualTo(new SegmentInfo(1, 3, true));
    }

    @Test
    void aTailReadBehindTheNewestSegmentIsSentToTheManifests() {
        Writer w = formattedAndWriting("ns1");
        ok(w.journal(1, 1, 3));
        ok(new Requests.FinalizeSegment(w.info(), 1, 3));
        ok(new Requests.StartSegment(w.info(), 4, LAYOUT));
        ok(w.journal(4, 4, 1));
        Responses.Tail behind = (Responses.Tail) ok(new Requests.TailEdits("ns1", 2, 1 << 16, 5000));
        assertThat(behind.served()).isFalse();
        assertThat(behind.txCount()).isZero();
        Responses.Tail current = (Responses.Tail) ok(new Requests.TailEdits("ns1", 4, 1 << 16, 5000));
        assertThat(current.served()).isTrue();
        assertThat(current.lastTxId()).isEqualTo(4);
        assertThat(((Responses.Failure) failure(new Requests.TailEdits("nope", 1, 100, 0))).code())
                .isEqualTo(ErrorCode.NOT_FORMATTED);
    }
}
