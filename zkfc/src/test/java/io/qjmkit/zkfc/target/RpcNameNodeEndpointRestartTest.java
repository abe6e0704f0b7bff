package io.qjmkit.zkfc.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.ha.HAServiceProtocol;
import org.apache.hadoop.ha.HAServiceStatus;
import org.apache.hadoop.ha.proto.HAServiceProtocolProtos.HAServiceProtocolService;
import org.apache.hadoop.ha.protocolPB.HAServiceProtocolPB;
import org.apache.hadoop.ha.protocolPB.HAServiceProtocolServerSideTranslatorPB;
import org.apache.hadoop.ipc.ProtobufRpcEngine2;
import org.apache.hadoop.ipc.RPC;
import org.apache.hadoop.net.NetUtils;
import org.junit.jupiter.api.Test;

/**
 * A NameNode that restarted on the same port shortly after the controller last called it: the
 * Hadoop RPC client still holds the idle connection to the old process (it is closed only after
 * {@code ipc.client.connection.maxidletime}, 10 s), so the next call on it meets end of file.
 */
class RpcNameNodeEndpointRestartTest {

    /** An HAServiceProtocol server that records the state changes it gets. */
    static final class RecordingNameNode implements HAServiceProtocol {
        final List<String> calls = new ArrayList<>();
        HAServiceState state = HAServiceState.STANDBY;

        @Override
        public synchronized void monitorHealth() {}

        @Override
        public synchronized void transitionToActive(StateChangeRequestInfo req) {
            calls.add("transitionToActive");
            state = HAServiceState.ACTIVE;
        }

        @Override
        public synchronized void transitionToStandby(StateChangeRequestInfo req) {
            calls.add("transitionToStandby");
            state = HAServiceState.STANDBY;
        }

        @Override
        public synchronized void transitionToObserver(StateChangeRequestInfo req) {
            calls.add("transitionToObserver");
        }

        @Override
        public synchronized HAServiceStatus getServiceStatus() {
            return new HAServiceStatus(state).setReadyToBecomeActive();
        }
    }

    private static RPC.Server serve(HAServiceProtocol nameNode, int port) throws Exception {
        Configuration conf = new Configuration(false);
        RPC.setProtocolEngine(conf, HAServiceProtocolPB.class, ProtobufRpcEngine2.class);
        RPC.Server server = new RPC.Builder(conf)
                .setProtocol(HAServiceProtocolPB.class)
                .setInstance(HAServiceProtocolService.newReflectiveBlockingService(
                        new HAServiceProtocolServerSideTranslatorPB(nameNode)))
                .setBindAddress("127.0.0.1")
                .setPort(port)
                .setNumHandlers(1)
                .build();
        server.start();
        return server;
    }

    /**
     * {@link #serve} on a port just released by {@code RPC.Server.stop()}, which returns before its
     * listener thread has closed the listening socket: binding is retried until that happened.
     */
    private static RPC.Server serveOnceFree(HAServiceProtocol nameNode, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return serve(nameNode, port);
            } catch (BindException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    @Test
    void aStateChangeReachesANameNodeThatRestartedSinceTheLastCall() throws Exception {
        Configuration conf = new Configuration(false);
        RecordingNameNode first = new RecordingNameNode();
        RPC.Server server = serve(first, 0);
        InetSocketAddress address = NetUtils.getConnectAddress(server);
        NameNodeRef ref = new NameNodeRef("ns1", "nn1", address, 8019);
        NameNodeConnector connector = RpcNameNodeEndpoint.connector(conf);
        // The health monitor's endpoint stays open, as in the controller: it keeps the RPC client,
        // and with it the state-change connection below, alive after that endpoint is closed.
        NameNodeEndpoint healthEndpoint = connector.connect(ref, 3000);
        healthEndpoint.monitorHealth();
        try (NameNodeEndpoint endpoint = connector.connect(ref, 5000)) {
            endpoint.transitionToActive();
        }
        assertThat(first.calls).containsExactly("transitionToActive");

        server.stop(); // the NameNode process dies ...
        RecordingNameNode second = new RecordingNameNode();
        server = serveOnceFree(second, address.getPort()); // ... and a new one serves the same port
        try (NameNodeEndpoint endpoint = connector.connect(ref, 5000)) {
            endpoint.transitionToActive();
            endpoint.transitionToStandby();
            assertThat(endpoint.serviceState()).isEqualTo(HAServiceProtocol.HAServiceState.STANDBY);
        } finally {
            healthEndpoint.close();
            server.stop();
        }
        assertThat(second.calls).containsExactly("transitionToActive", "transitionToStandby");
    }
}
