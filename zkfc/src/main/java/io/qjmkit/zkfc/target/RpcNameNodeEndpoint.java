package io.qjmkit.zkfc.target;

import java.io.IOException;
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
        try {
            proxy.transitionToActive(BY_ZKFC);
        } catch (RemoteException e) {
            throw e.unwrapRemoteException(ServiceFailedException.class);
        }
    }

    @Override
    public void transitionToStandby() throws IOException {
        try {
            proxy.transitionToStandby(BY_ZKFC);
        } catch (RemoteException e) {
            throw e.unwrapRemoteException(ServiceFailedException.class);
        }
    }

    @Override
    public void close() {
        RPC.stopProxy(proxy);
    }
}
