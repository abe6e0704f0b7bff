package io.qjmkit.zkfc.target;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.ha.HAServiceProtocol;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.apache.hadoop.ha.HAServiceProtocol.RequestSource;
import org.apache.hadoop.ha.HAServiceProtocol.StateChangeRequestInfo;
import org.apache.hadoop.ha.HealthCheckFailedException;
import org.apache.hadoop.ha.ServiceFailedException;
import org.apache.hadoop.ha.protocolPB.HAServiceProtocolClientSideTranslatorPB;
import org.apache.hadoop.ipc.RPC;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.net.NetUtils;

/**
 * {@link NameNodeEndpoint} over Hadoop RPC. The proxy never retries a connection (a refused
 * connection is a dead NameNode, reported at once) and every call is bounded by the RPC timeout.
 * State changes are sent a second time when the first failed on the connection itself: see {@link
 * #stateChange}.
 */
public final class RpcNameNodeEndpoint implements NameNodeEndpoint {
    private static final StateChangeRequestInfo BY_ZKFC = new StateChangeRequestInfo(RequestSource.REQUEST_BY_ZKFC);

    private final HAServiceProtocol proxy;

    private RpcNameNodeEndpoint(HAServiceProtocol proxy) {
        this.proxy = proxy;
    }

    /** A connector whose endpoints use {@code conf} for everything but retries and timeouts. */
    public static NameNodeConnector connector(Configuration conf) {
        return (nameNode, timeoutMs) -> open(conf, nameNode, timeoutMs);
    }

    static RpcNameNodeEndpoint open(Configuration base, NameNodeRef nameNode, int timeoutMs) throws IOException {
        Configuration conf = new Configuration(base);
        conf.setInt(CommonConfigurationKeysPublic.IPC_CLIENT_CONNECT_MAX_RETRIES_KEY, 0);
        conf.setInt(CommonConfigurationKeysPublic.IPC_CLIENT_CONNECT_MAX_RETRIES_ON_SOCKET_TIMEOUTS_KEY, 0);
        conf.setInt(
                CommonConfigurationKeysPublic.IPC_CLIENT_CONNECT_TIMEOUT_KEY,
                Math.min(timeoutMs, CommonConfigurationKeysPublic.IPC_CLIENT_CONNECT_TIMEOUT_DEFAULT));
        return new RpcNameNodeEndpoint(new HAServiceProtocolClientSideTranslatorPB(
                nameNode.rpcAddress(), conf, NetUtils.getDefaultSocketFactory(conf), timeoutMs));
    }

    @Override
    public void monitorHealth() throws IOException {
        try {
            proxy.monitorHealth();
        } catch (RemoteException e) {
            throw e.unwrapRemoteException(HealthCheckFailedException.class);
        }
    }

    @Override
    public HAServiceState serviceState() throws IOException {
        return proxy.getServiceStatus().getState();
    }

    @Override
    public void transitionToActive() throws IOException {
        stateChange(() -> proxy.transitionToActive(BY_ZKFC));
    }

    @Override
    public void transitionToStandby() throws IOException {
        stateChange(() -> proxy.transitionToStandby(BY_ZKFC));
    }

    /** One HA state change RPC; the NameNode treats a repeated one as done. */
    @FunctionalInterface
    private interface StateChange {
        void send() throws IOException;
    }

    /**
     * Sends a state change, and once more when it failed on the connection itself (end of file or
     * reset). Hadoop's RPC client keeps an idle connection for {@code
     * ipc.client.connection.maxidletime} (10 s) while any other proxy of the process (the health
     * monitor's) is open, so the first state change after the NameNode restarted goes out on the old
     * process's dead connection; that failure drops it, and the second call connects afresh. A
     * NameNode that is really gone fails the second call as well, with a refused connection.
     */
    private static void stateChange(StateChange call) throws IOException {
        try {
            try {
                call.send();
            } catch (ConnectException e) {
                throw e;
            } catch (EOFException | SocketException e) {
                call.send();
            }
        } catch (RemoteException e) {
            throw e.unwrapRemoteException(ServiceFailedException.class);
        }
    }

    @Override
    public void close() {
        RPC.stopProxy(proxy);
    }
}
