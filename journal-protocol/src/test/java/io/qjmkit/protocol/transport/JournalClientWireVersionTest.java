package io.qjmkit.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.nio.NioEventLoopGroup;
import io.qjmkit.protocol.codec.WirePreamble;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Netty client (readers, peer sync, recovery) against a node of another wire version over a
 * real loopback socket: it sends its preamble first, and the node's answer fails the call with
 * both versions named.
 */
@Timeout(30)
class JournalClientWireVersionTest {

    @Test
    void aJournalNodeOfAnotherWireVersionFailsTheCallNamingBothVersions() throws Exception {
        int other = WirePreamble.VERSION + 1;
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            try (JournalClient client = new JournalClient(group, address, 5000)) {
                CompletableFuture<Responses.Bool> call =
                        client.call(new Requests.IsFormatted("ns1"), Responses.Bool.class);
                try (SocketChannel peer = server.accept()) {
                    ByteBuffer preamble = ByteBuffer.allocate(WirePreamble.BYTES);
                    while (preamble.hasRemaining()) {
                        assertThat(peer.read(preamble)).isNotNegative();
                    }
                    assertThat(preamble.array()).as("the client's first bytes").isEqualTo(WirePreamble.bytes());
                    peer.write(ByteBuffer.wrap(WirePreamble.bytes(other)));
                    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .cause()
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining("JournalNode " + address)
                            .hasMessageContaining("speaks qjm-kit wire version " + other)
                            .hasMessageContaining("this end speaks version " + WirePreamble.VERSION);
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
