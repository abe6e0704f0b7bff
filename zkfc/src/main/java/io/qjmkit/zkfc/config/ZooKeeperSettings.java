package io.qjmkit.zkfc.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ZKUtil;
import org.apache.zookeeper.data.ACL;

/**
 * How to reach ZooKeeper and how to protect the znodes the controller creates.
 *
 * @param quorum {@code ha.zookeeper.quorum}, e.g. {@code zk1:2181,zk2:2181,zk3:2181}
 * @param sessionTimeoutMs {@code ha.zookeeper.session-timeout.ms}
 * @param parentZnode {@code ha.zookeeper.parent-znode}
 * @param acls parsed {@code ha.zookeeper.acl} (after {@code @file} indirection)
 * @param auths parsed {@code ha.zookeeper.auth} (after {@code @file} indirection)
 */
public record ZooKeeperSettings(
        String quorum, int sessionTimeoutMs, String parentZnode, List<ACL> acls, List<ZKUtil.ZKAuthInfo> auths) {

    public ZooKeeperSettings {
        // Not List.copyOf: ZooKeeper's ACL validation calls contains(null), which immutable lists reject.
        acls = Collections.unmodifiableList(new ArrayList<>(acls));
        auths = List.copyOf(auths);
    }

    /** Reads and validates the ZooKeeper keys; the message of any failure names the key. */
    public static ZooKeeperSettings fromConfiguration(Configuration conf) throws ZkfcConfigException {
        String quorum = conf.getTrimmed(ZkfcKeys.ZK_QUORUM);
        if (quorum == null || quorum.isEmpty()) {
            throw new ZkfcConfigException("Missing required configuration " + ZkfcKeys.ZK_QUORUM
                    + ": set it to the ZooKeeper ensemble, e.g. zk1:2181,zk2:2181,zk3:2181");
        }
        int sessionTimeout = conf.getInt(ZkfcKeys.ZK_SESSION_TIMEOUT_MS, ZkfcKeys.ZK_SESSION_TIMEOUT_MS_DEFAULT);
        if (sessionTimeout <= 0) {
            throw new ZkfcConfigException(
                    ZkfcKeys.ZK_SESSION_TIMEOUT_MS + " must be a positive number of ms, got " + sessionTimeout);
        }
        String parent = conf.getTrimmed(ZkfcKeys.ZK_PARENT_ZNODE, ZkfcKeys.ZK_PARENT_ZNODE_DEFAULT);
        if (!parent.startsWith("/") || (parent.length() > 1 && parent.endsWith("/"))) {
            throw new ZkfcConfigException(ZkfcKeys.ZK_PARENT_ZNODE
                    + " must be an absolute znode path without a trailing slash, e.g. /hadoop-ha; got '" + parent
                    + "'");
        }
        List<ACL> acls;
        try {
            String aclText = ZKUtil.resolveConfIndirection(conf.get(ZkfcKeys.ZK_ACL, ZkfcKeys.ZK_ACL_DEFAULT));
            acls = ZKUtil.parseACLs(aclText == null || aclText.isBlank() ? ZkfcKeys.ZK_ACL_DEFAULT : aclText);
        } catch (IOException | RuntimeException e) {
            throw new ZkfcConfigException(
                    "Bad " + ZkfcKeys.ZK_ACL + " (expected scheme:id:perms[,...] or @/path/to/file, e.g."
                            + " world:anyone:rwcda): " + e.getMessage(),
                    e);
        }
        List<ZKUtil.ZKAuthInfo> auths;
        try {
            String authText = ZKUtil.resolveConfIndirection(conf.get(ZkfcKeys.ZK_AUTH));
            auths = authText == null || authText.isBlank() ? List.of() : ZKUtil.parseAuth(authText);
        } catch (IOException | RuntimeException e) {
            throw new ZkfcConfigException(
                    "Bad " + ZkfcKeys.ZK_AUTH + " (expected scheme:auth[,...] or @/path/to/file, e.g."
                            + " digest:hdfs-zkfcs:secret): " + e.getMessage(),
                    e);
        }
        return new ZooKeeperSettings(quorum, sessionTimeout, parent, acls, auths);
    }
}
