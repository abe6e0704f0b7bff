package io.qjmkit.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.qjmkit.protocol.message.Requests;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ForeignProtocolTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognizesHadoopIpcHttpAndTlsButNoFrameOfOurs() {
        assertThat(ForeignProtocol.recognize(ascii("hrpc\u0009\u0000\u0000"))).contains("Hadoop IPC");
        assertThat(ForeignProtocol.recognize(ascii("HTTP/1.1 400 Bad Request"))).contains("HTTP");
        assertThat(ForeignProtocol.recognize(ascii("GET /jmx HTTP/1.1"))).contains("HTTP");
        assertThat(ForeignProtocol.recognize(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}))
                .contains("TLS");
        assertThat(ForeignProtocol.recognize(ascii("hrp")))
                .as("too short to tell")
                .isEmpty();

        ByteBuf ours = Unpooled.buffer();
        FrameEncoder.encodeTo(Frame.request(1, new Requests.IsFormatted("ns1")), ours);
        assertThat(ForeignProtocol.recognize(ours)).isEmpty();
        assertThat(ForeignProtocol.recognize(WirePreamble.bytes())).isEmpty();
        assertThat(ours.readerIndex()).as("recognizing consumes nothing").isZero();
        ours.release();
    }

    @Test
    void aHadoopIpcPeerFailsTheChannelWithAnErrorNamingTheMistake() {
        EmbeddedChannel channel = new EmbeddedChannel();
        JournalPipeline.installServer(channel.pipeline());
        // What a stock QuorumJournalManager sends first: the Hadoop IPC connection header.
        ByteBuf hello = Unpooled.wrappedBuffer(new byte[] {'h', 'r', 'p', 'c', 9, 0, 0});

        assertThatThrownBy(() -> channel.writeInbound(hello))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("speaks Hadoop IPC, not the qjm-kit journal protocol")
                .hasMessageContaining("dfs.namenode.edits.journal-plugin.qjournal");
        assertThat((Object) channel.readOutbound())
                .as("no preamble answered: a Hadoop IPC client would read it as a reply's length")
                .isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void anHttpAnswerNamesTheRpcAddressKeyAndOurFramesStillDecodeAfterAShortFirstRead() {
        EmbeddedChannel http = new EmbeddedChannel();
        JournalPipeline.installClient(http.pipeline());
        assertThatThrownBy(() -> http.writeInbound(Unpooled.wrappedBuffer(ascii("HTTP/1.1 400 Bad Request\r\n"))))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("speaks HTTP")
                .hasMessageContaining("dfs.journalnode.rpc-address");
        http.finishAndReleaseAll();

        EmbeddedChannel channel = new EmbeddedChannel();
        JournalPipeline.installServer(channel.pipeline());
        ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(WirePreamble.bytes());
        FrameEncoder.encodeTo(Frame.request(5, new Requests.IsFormatted("ns1")), wire);
        channel.writeInbound(wire.readRetainedSlice(2)); // fewer bytes than it takes to tell
        channel.writeInbound(wire.readRetainedSlice(wire.readableBytes()));
        wire.release();
        Frame decoded = channel.readInbound();
        assertThat(decoded.callId()).isEqualTo(5);
        channel.finishAndReleaseAll();
    }
}
