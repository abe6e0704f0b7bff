package io.qjmkit.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.protocol.message.Wire;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static final NamespaceMeta NS = new NamespaceMeta(-66, 42, "CID-1", 7L, "BP-1");
    private static final RequestInfo INFO = new RequestInfo("ns1", 3, 17, 99);
    private static final SegmentInfo SEG = new SegmentInfo(1, 10, true);

    private static final List<Message> REQUESTS = List.of(
            new Requests.IsFormatted("ns1"),
            new Requests.Format("ns1", NS, true),
            new Requests.GetJournalState("ns1"),
            new Requests.NewEpoch("ns1", NS, 4),
            new Requests.StartSegment(INFO, 11, -66),
            new Requests.FinalizeSegment(INFO, 1, 10),
            new Requests.Journal(INFO, 1, 5, 2, new byte[] {1, 2, 3}),
            new Requests.Heartbeat(INFO),
            new Requests.GetManifest("ns1", 5, true),
            new Requests.ReadEdits("ns1", 0, 5, Long.MAX_VALUE, 1 << 20),
            new Requests.PrepareRecovery(INFO, 1),
            new Requests.AcceptRecovery(INFO, SEG, "127.0.0.1:8485", 7),
            new Requests.Purge(INFO, 100),
            new Requests.DiscardSegments("ns1", 50),
            new Requests.Upgrade("ns1", Requests.UpgradeOp.CAN_ROLL_BACK, NS, NS, -65),
            new Requests.TailEdits("ns1", 11, 1 << 16, 250));

    private static final List<Message> RESPONSES = List.of(
            new Responses.Bool(true),
            new Responses.Value(12345L),
            new Responses.JournalState(5, 4, 99, SEG),
            new Responses.NewEpoch(null),
            new Responses.Journaled(10),
            new Responses.Manifest(List.of(new SegmentInfo(1, 10, false), SEG), 9, 4),
            new Responses.Prepared(SEG, 2, 3, 8),
            new Responses.Tail(true, SEG, 3, 9, -66, 5, 6, new byte[] {7, 8}),
            new Responses.Tail(false, null, 0, 0, 0, 11, 10, new byte[0]));

    /** Through a client pipeline's encoder and back through its decoder, preamble and all. */
    private static Frame roundTrip(Frame frame) {
        EmbeddedChannel channel = new EmbeddedChannel();
        JournalPipeline.installClient(channel.pipeline());
        assertThat(channel.writeOutbound(frame)).isTrue();
        for (ByteBuf wire = channel.readOutbound(); wire != null; wire = channel.readOutbound()) {
            channel.writeInbound(wire);
        }
        Frame decoded = channel.readInbound();
        channel.finishAndReleaseAll();
        return decoded;
    }

    /** A JournalNode's pipeline that has read a client's preamble (and answered it). */
    static EmbeddedChannel serverAfterPreamble() {
        EmbeddedChannel channel = new EmbeddedChannel();
        JournalPipeline.installServer(channel.pipeline());
        channel.writeInbound(Unpooled.wrappedBuffer(WirePreamble.bytes()));
        ((ByteBuf) channel.readOutbound()).release();
        return channel;
    }

    @Test
    void everyRequestTypeSurvivesTheWire() {
        Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
        long id = 1;
        for (Message request : REQUESTS) {
            Frame decoded = roundTrip(Frame.request(id, request));
            assertThat(decoded.kind()).isEqualTo(Frame.Kind.REQUEST);
            assertThat(decoded.callId()).isEqualTo(id++);
            assertThat(decoded.body()).usingRecursiveComparison().isEqualTo(request);
            seen.add(request.type());
        }
        assertThat(seen).as("a round trip for every message type").isEqualTo(EnumSet.allOf(MessageType.class));
    }

    @Test
    void responsesAndFailuresSurviveTheWire() {
        for (Message response : RESPONSES) {
            Frame decoded = roundTrip(Frame.response(9, response.type(), response));
            assertThat(decoded.kind()).isEqualTo(Frame.Kind.RESPONSE);
            assertThat(decoded.body()).usingRecursiveComparison().isEqualTo(response);
        }
        Responses.Failure failure = new Responses.Failure(MessageType.JOURNAL, ErrorCode.GAP, "missing 5..9", 4);
        Frame decoded = roundTrip(Frame.response(10, MessageType.JOURNAL, failure));
        assertThat(decoded.kind()).isEqualTo(Frame.Kind.FAILURE);
        assertThat(decoded.body()).isEqualTo(failure);
        assertThat(((Responses.Failure) decoded.body()).toException("jn1").detail())
                .isEqualTo(4);
    }

    @Test
    void framesSplitAcrossReadsAreReassembled() {
        EmbeddedChannel channel = serverAfterPreamble();
        ByteBuf wire = Unpooled.buffer();
        FrameEncoder.encodeTo(Frame.request(1, new Requests.Journal(INFO, 1, 1, 1, new byte[300])), wire);
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(7, wire.readableBytes())));
        }
        wire.release();
        Frame decoded = channel.readInbound();
        assertThat(((Requests.Journal) decoded.body()).records()).hasSize(300);
        channel.finishAndReleaseAll();
    }

    @Test
    void rejectsAFrameWithTrailingGarbage() {
        EmbeddedChannel channel = serverAfterPreamble();
        ByteBuf wire = Unpooled.buffer();
        FrameEncoder.encodeTo(Frame.request(1, new Requests.IsFormatted("ns1")), wire);
        wire.writeByte(7);
        wire.setInt(0, wire.readableBytes() - 4);
        assertThatThrownBy(() -> channel.writeInbound(wire))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("trailing bytes");
        channel.finishAndReleaseAll();
    }

    @Test
    void rejectsALengthThatRunsPastTheFrame() {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(Frame.Kind.REQUEST.ordinal());
        body.writeByte(MessageType.IS_FORMATTED.id());
        body.writeLong(1);
        body.writeInt(1000); // string length far beyond the frame
        assertThatThrownBy(() -> FrameDecoder.decodeFrame(body))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("exceeds");
        body.release();
    }

    @Test
    void acceptRecoveryFromAClientWithoutTheSourceEpochDecodesAsUnknown() {
        ByteBuf older = Unpooled.buffer();
        INFO.writeTo(older);
        SEG.writeTo(older);
        Wire.writeString(older, "127.0.0.1:8485");
        Requests.AcceptRecovery r = Requests.AcceptRecovery.readFrom(older);
        assertThat(r.sourceEpoch()).isEqualTo(Requests.AcceptRecovery.UNKNOWN_EPOCH);
        assertThat(r.sourceAddress()).isEqualTo("127.0.0.1:8485");
        assertThat(older.isReadable()).isFalse();
        older.release();
    }
}
