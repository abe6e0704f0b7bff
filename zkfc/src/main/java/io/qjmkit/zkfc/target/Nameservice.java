package io.qjmkit.zkfc.target;

import io.qjmkit.zkfc.config.ZkfcConfigException;
import io.qjmkit.zkfc.config.ZkfcKeys;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.DFSUtil;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.HAUtil;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.client.HdfsClientConfigKeys;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.net.NetUtils;

/**
 * The HA nameservice a controller belongs to: every NameNode of it and which one is local. Resolved
 * once at startup with Hadoop's own HA helpers ({@code dfs.nameservices}, {@code
 * dfs.ha.namenodes.<ns>}, {@code dfs.namenode.[service]rpc-address.<ns>.<nn>}, {@code
 * dfs.ha.namenode.id} or the local-address match).
 *
 * @param id the nameservice id
 * @param nameNodes all NameNodes, local one included, in configuration order
 * @param local the NameNode this controller watches
 * @param localConf the configuration with this NameNode's and nameservice's suffixed keys applied
 */
public record Nameservice(String id, List<NameNodeRef> nameNodes, NameNodeRef local, Configuration localConf) {

    public Nameservice {
        nameNodes = List.copyOf(nameNodes);
    }

    /** The other NameNodes (observers included), in configuration order. */
    public List<NameNodeRef> others() {
        return nameNodes.stream().filter(n -> !n.sameNameNode(local)).toList();
    }

    /** The configured NameNode with this id, if any. */
    public Optional<NameNodeRef> byId(String namenodeId) {
        return nameNodes.stream().filter(n -> n.namenodeId().equals(namenodeId)).findFirst();
    }

    /**
     * Resolves the nameservice and the local NameNode.
     *
     * @throws ZkfcConfigException naming the key to set when the configuration is not an HA one
     */
    public static Nameservice resolve(Configuration conf) throws ZkfcConfigException {
        String nsId = DFSUtil.getNamenodeNameServiceId(conf);
        if (nsId == null) {
            throw new ZkfcConfigException("Cannot tell which nameservice this controller serves: set "
                    + DFSConfigKeys.DFS_NAMESERVICES + " (one nameservice) or " + DFSConfigKeys.DFS_NAMESERVICE_ID);
        }
        if (!HAUtil.isHAEnabled(conf, nsId)) {
            throw new ZkfcConfigException("HA is not enabled for nameservice " + nsId + ": set "
                    + DFSUtil.addKeySuffixes(DFSConfigKeys.DFS_HA_NAMENODES_KEY_PREFIX, nsId)
                    + " to two or more NameNode ids");
        }
        String localId;
        try {
            localId = HAUtil.getNameNodeId(conf, nsId);
        } catch (HadoopIllegalArgumentException e) {
            localId = null;
        }
        if (localId == null) {
            throw new ZkfcConfigException("Cannot tell which NameNode of " + nsId + " is local: set "
                    + DFSConfigKeys.DFS_HA_NAMENODE_ID_KEY + " or run the controller on a host listed in "
                    + DFSConfigKeys.DFS_NAMENODE_RPC_ADDRESS_KEY + "." + nsId + ".<nn>");
        }
        Collection<String> ids = DFSUtilClient.getNameNodeIds(conf, nsId);
        List<NameNodeRef> refs = new ArrayList<>();
        NameNodeRef local = null;
        for (String nnId : ids) {
            NameNodeRef ref = resolveOne(conf, nsId, nnId);
            refs.add(ref);
            if (nnId.equals(localId)) {
                local = ref;
            }
        }
        if (local == null) {
            throw new ZkfcConfigException("Local NameNode id '" + localId + "' (" + DFSConfigKeys.DFS_HA_NAMENODE_ID_KEY
                    + ") is not one of " + DFSUtil.addKeySuffixes(DFSConfigKeys.DFS_HA_NAMENODES_KEY_PREFIX, nsId)
                    + " = " + ids);
        }
        Configuration localConf = new HdfsConfiguration(conf);
        NameNode.initializeGenericKeys(localConf, nsId, localId);
        DFSUtil.setGenericConf(localConf, nsId, localId, ZkfcKeys.SCOPED_KEYS);
        return new Nameservice(nsId, refs, local, localConf);
    }

    private static NameNodeRef resolveOne(Configuration conf, String nsId, String nnId) throws ZkfcConfigException {
        String addr = DFSUtil.getNamenodeServiceAddr(conf, nsId, nnId);
        if (addr == null) {
            throw new ZkfcConfigException("No RPC address for NameNode " + nsId + "." + nnId + ": set "
                    + DFSUtil.addKeySuffixes(DFSConfigKeys.DFS_NAMENODE_RPC_ADDRESS_KEY, nsId, nnId) + " to host:port");
        }
        InetSocketAddress rpc;
        try {
            rpc = NetUtils.createSocketAddr(addr, HdfsClientConfigKeys.DFS_NAMENODE_RPC_PORT_DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new ZkfcConfigException("Bad RPC address '" + addr + "' for NameNode " + nsId + "." + nnId
                    + " (expected host:port): " + e.getMessage());
        }
        Configuration nnConf = new Configuration(conf);
        NameNode.initializeGenericKeys(nnConf, nsId, nnId);
        int zkfcPort = nnConf.getInt(ZkfcKeys.ZKFC_PORT, ZkfcKeys.ZKFC_PORT_DEFAULT);
        return new NameNodeRef(nsId, nnId, rpc, zkfcPort);
    }
}
