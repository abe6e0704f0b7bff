package io.qjmkit.zkfc.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.ha.ZKFCProtocol;
import org.apache.hadoop.ha.proto.ZKFCProtocolProtos.ZKFCProtocolService;
import org.apache.hadoop.ha.protocolPB.ZKFCProtocolPB;
import org.apache.hadoop.ha.protocolPB.ZKFCProtocolServerSideTranslatorPB;
import org.apache.hadoop.ipc.ProtobufRpcEngine2;
import org.apache.hadoop.ipc.RPC;
import org.apache.hadoop.net.NetUtils;
import org.junit.jupiter.api.Test;

class RpcWarmUpTest {

    /** Records every ZKFCProtocol call it gets. */
    static final class RecordingProtocol implements ZKFCProtocol {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void cedeActive(int millisToCede) {
            calls.add("cedeActive(" + millisToCede + ")");
        }

        @Override
        public synchronized void gracefulFailover() {
            calls.add("gracefulFailover");
        }
    }

    @Test
    void theWarmUpCallReachesARealZkfcProtocolServerAndChangesNothing() throws Exception {
        Configuration conf = new Configuration(false);
        RPC.setProtocolEngine(conf, ZKFCProtocolPB.class, ProtobufRpcEngine2.class);
        RecordingProtocol protocol = new RecordingProtocol();
        RPC.Server server = new RPC.Builder(conf)
                .setProtocol(ZKFCProtocolPB.class)
                .setInstance(ZKFCProtocolService.newReflectiveBlockingService(
                        new ZKFCProtocolServerSideTranslatorPB(protocol)))
                .setBindAddress("127.0.0.1")
                .setPort(0)
                .setNumHandlers(1)
                .build();
        server.start();
        try {
            assertThat(RpcWarmUp.call(NetUtils.getConnectAddress(server), conf, 5000, "test"))
                    .as("the server answers the signature lookup and serves cedeActive")
                    .isTrue();
            assertThat(protocol.calls)
                    .as("the warm-up makes no ZKFCProtocol call")
                    .isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void aWarmUpWithNobodyListeningFailsQuietly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(RpcWarmUp.call(new InetSocketAddress("127.0.0.1", port), new Configuration(false), 2000, "test"))
                .isFalse();
    }
}
