package io.qjmkit.haadmin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeys;
import org.apache.hadoop.ha.HAServiceProtocol;
import org.apache.hadoop.ha.HAServiceProtocol.RequestSource;
import org.apache.hadoop.ha.HAServiceProtocol.StateChangeRequestInfo;
import org.apache.hadoop.ha.HAServiceProtocolHelper;
import org.apache.hadoop.hdfs.DFSUtil;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.tools.DFSHAAdmin;
import org.apache.hadoop.hdfs.tools.NNHAServiceTarget;
import org.apache.hadoop.ipc.RPC;

/**
 * Asks NameNodes over Hadoop's {@code HAServiceProtocol}, resolving ids and timeouts exactly as
 * {@code DFSHAAdmin} does: {@link NNHAServiceTarget} for addresses, {@code
 * ha.failover-controller.cli-check.rpc-timeout.ms} for the RPC timeout, and the security settings
 * of {@link DFSHAAdmin#addSecurityConfiguration}.
 */
public final class HadoopServiceProbe implements ServiceProbe {
    private final Configuration conf;
    private final int rpcTimeoutMs;

    public HadoopServiceProbe(Configuration conf) {
        this.conf = DFSHAAdmin.addSecurityConfiguration(conf);
        this.rpcTimeoutMs = this.conf.getInt(
                CommonConfigurationKeys.HA_FC_CLI_CHECK_TIMEOUT_KEY,
                CommonConfigurationKeys.HA_FC_CLI_CHECK_TIMEOUT_DEFAULT);
    }

    @Override
    public Target resolve(String nameservice, String namenodeId) {
        NNHAServiceTarget t = new NNHAServiceTarget(conf, nameservice, namenodeId);
        InetSocketAddress a = t.getAddress();
        return new Target(t.getNameServiceId(), t.getNameNodeId(), a.getHostName() + ":" + a.getPort());
    }

    @Override
    public List<String> namenodeIds(String nameservice) {
        String ns = nameservice != null ? nameservice : DFSUtil.getNamenodeNameServiceId(conf);
        return new ArrayList<>(DFSUtilClient.getNameNodeIds(conf, ns));
    }

    @Override
    public String state(Target target) throws IOException {
        HAServiceProtocol proxy = proxy(target);
        try {
            return proxy.getServiceStatus().getState().toString();
        } finally {
            RPC.stopProxy(proxy);
        }
    }

    @Override
    public void checkHealth(Target target) throws IOException {
        HAServiceProtocol proxy = proxy(target);
        try {
            HAServiceProtocolHelper.monitorHealth(proxy, new StateChangeRequestInfo(RequestSource.REQUEST_BY_USER));
        } finally {
            RPC.stopProxy(proxy);
        }
    }

    private HAServiceProtocol proxy(Target target) throws IOException {
        return new NNHAServiceTarget(conf, target.nameservice(), target.namenodeId()).getProxy(conf, rpcTimeoutMs);
    }
}
