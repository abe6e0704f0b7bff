package io.qjmkit.zkfc.rpc;

import io.qjmkit.zkfc.failover.PeerControllers;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.ha.protocolPB.ZKFCProtocolClientSideTranslatorPB;
import org.apache.hadoop.net.NetUtils;

/** {@link PeerControllers} over Hadoop RPC to each peer's {@code dfs.ha.zkfc.port}. */
public final class RpcPeerControllers implements PeerControllers {
    private final Configuration conf;

    public RpcPeerControllers(Configuration base) {
        this.conf = clientConf(base);
    }

    /** {@code base} for calls to a controller: a refused connection is not retried. */
    static Configuration clientConf(Configuration base) {
        Configuration conf = new Configuration(base);
        conf.setInt(CommonConfigurationKeysPublic.IPC_CLIENT_CONNECT_MAX_RETRIES_KEY, 0);
        conf.setInt(CommonConfigurationKeysPublic.IPC_CLIENT_CONNECT_MAX_RETRIES_ON_SOCKET_TIMEOUTS_KEY, 0);
        return conf;
    }

    /** A ZKFCProtocol proxy to the controller at {@code address}; {@code conf} from {@link #clientConf}. */
    static ZKFCProtocolClientSideTranslatorPB proxy(InetSocketAddress address, Configuration conf, int timeoutMs)
            throws IOException {
        return new ZKFCProtocolClientSideTranslatorPB(address, conf, NetUtils.getDefaultSocketFactory(conf), timeoutMs);
    }

    @Override
    public void cedeActive(NameNodeRef peer, int millisToCede, int timeoutMs) throws IOException {
        ZKFCProtocolClientSideTranslatorPB proxy = proxy(peer.zkfcAddress(), conf, timeoutMs);
        try {
            proxy.cedeActive(millisToCede);
        } finally {
            proxy.close();
        }
    }
}
