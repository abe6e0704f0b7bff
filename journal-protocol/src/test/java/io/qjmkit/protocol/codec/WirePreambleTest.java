package io.qjmkit.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import org.junit.jupiter.api.Test;

/**
 * The version check at the start of every journal connection: what each end sends when, and the
 * errors that name a peer of another wire version or a peer without a preamble.
 */
class WirePreambleTest {
    private static final int OTHER = WirePreamble.VERSION + 1;

    private static byte[] drain(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            all.writeBytes(b);
            b.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes).release();
        return bytes;
    }

    @Test
    void thisBuildsPreambleIsAcceptedAndAnotherVersionIsNamedWithTheFix() {
        assertThat(WirePreamble.problem("jn1", WirePreamble.bytes())).isNull();
        assertThat(WirePreamble.problem("JournalNode 127.0.0.1:8485", WirePreamble.bytes(OTHER)))
                .startsWith("JournalNode 127.0.0.1:8485 speaks qjm-kit wire version " + OTHER
                        + " and this end speaks version " + WirePreamble.VERSION)
                .contains("upgrade every JournalNode and the NameNodes' plugin");
    }

    @Test
    void aFrameWithoutPreambleIsNamedAsAnOlderBuildOrAnotherEndpoint() {
        ByteBuf frame = Unpooled.buffer();
        FrameEncoder.encodeTo(Frame.request(1, new Requests.IsFormatted("ns1")), frame);
        byte[] first = new byte[WirePreamble.BYTES];
        frame.readBytes(first).release();

        assertThat(WirePreamble.hasMagic(first)).isFalse();
        assertThat(WirePreamble.problem("the peer /127.0.0.1:50000", first))
                .contains("does not open with the qjm-kit wire preamble (its first bytes are 0x")
                .contains("a qjm-kit build from before wire versions")
                .contains("dfs.journalnode.rpc-address");
    }

    @Test
    void aClientSendsItsPreambleOnceInFrontOfItsFirstRequest() {
        EmbeddedChannel client = new EmbeddedChannel();
        JournalPipeline.installClient(client.pipeline());
        assertThat(drain(client)).as("nothing before the first request").isEmpty();

        client.writeOutbound(Frame.request(1, new Requests.IsFormatted("ns1")));
        client.writeOutbound(Frame.request(2, new Requests.IsFormatted("ns1")));
        ByteBuf wire = Unpooled.wrappedBuffer(drain(client));
        byte[] preamble = new byte[WirePreamble.BYTES];
        wire.readBytes(preamble);
        assertThat(preamble).isEqualTo(WirePreamble.bytes());
        for (long id = 1; id <= 2; id++) {
            assertThat(FrameDecoder.decodeFrame(wire.readSlice(wire.readInt())).callId())
                    .isEqualTo(id);
        }
        assertThat(wire.isReadable()).as("one preamble only").isFalse();
        client.finishAndReleaseAll();
    }

    @Test
    void aJournalNodeAnswersAClientOfAnotherVersionWithItsOwnPreambleThenRefusesIt() {
        EmbeddedChannel server = new EmbeddedChannel();
        JournalPipeline.installServer(server.pipeline());
        ByteBuf hello = Unpooled.buffer();
        hello.writeBytes(WirePreamble.bytes(OTHER));
        FrameEncoder.encodeTo(Frame.request(1, new Requests.IsFormatted("ns1")), hello);

        assertThatThrownBy(() -> server.writeInbound(hello))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("speaks qjm-kit wire version " + OTHER);
        assertThat(drain(server)).as("the client learns the node's version").isEqualTo(WirePreamble.bytes());
        assertThat((Object) server.readInbound()).as("no request passed on").isNull();
        server.finishAndReleaseAll();
    }

    @Test
    void aClientRefusesAJournalNodeOfAnotherVersionBeforeReadingAnyAnswer() {
        EmbeddedChannel client = new EmbeddedChannel();
        JournalPipeline.installClient(client.pipeline());
        ByteBuf answer = Unpooled.buffer();
        answer.writeBytes(WirePreamble.bytes(OTHER));
        FrameEncoder.encodeTo(Frame.response(1, MessageType.JOURNAL, new Responses.Journaled(1)), answer);

        assertThatThrownBy(() -> client.writeInbound(answer))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("speaks qjm-kit wire version " + OTHER)
                .hasMessageContaining("this end speaks version " + WirePreamble.VERSION);
        assertThat((Object) client.readInbound()).isNull();
        client.finishAndReleaseAll();
    }

    @Test
    void aPreambleSplitAcrossReadsIsReassembled() {
        EmbeddedChannel server = new EmbeddedChannel();
        JournalPipeline.installServer(server.pipeline());
        ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(WirePreamble.bytes());
        FrameEncoder.encodeTo(Frame.request(3, new Requests.IsFormatted("ns1")), wire);
        while (wire.isReadable()) {
            server.writeInbound(wire.readRetainedSlice(Math.min(3, wire.readableBytes())));
        }
        wire.release();
        Frame decoded = server.readInbound();
        assertThat(decoded.callId()).isEqualTo(3);
        assertThat(drain(server)).isEqualTo(WirePreamble.bytes());
        server.finishAndReleaseAll();
    }
}
