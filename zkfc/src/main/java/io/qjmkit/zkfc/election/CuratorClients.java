package io.qjmkit.zkfc.election;

import io.qjmkit.zkfc.config.ZooKeeperSettings;
import java.util.List;
import org.apache.curator.framework.AuthInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.data.ACL;

/**
 * Builds the Curator client from {@link ZooKeeperSettings}: session timeout, every created znode
 * with {@code ha.zookeeper.acl}, and the {@code ha.zookeeper.auth} credentials.
 */
public final class CuratorClients {
    private CuratorClients() {}

    /** A client that is not started yet. */
    public static CuratorFramework build(ZooKeeperSettings settings) {
        List<ACL> acls = settings.acls();
        ACLProvider aclProvider = new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return acls;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acls;
            }
        };
        List<AuthInfo> auths = settings.auths().stream()
                .map(a -> new AuthInfo(a.getScheme(), a.getAuth()))
                .toList();
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(settings.quorum())
                .sessionTimeoutMs(settings.sessionTimeoutMs())
                .connectionTimeoutMs(Math.min(settings.sessionTimeoutMs(), 15_000))
                .retryPolicy(new BoundedExponentialBackoffRetry(100, 2_000, 20))
                .aclProvider(aclProvider);
        if (!auths.isEmpty()) {
            builder.authorization(auths);
        }
        return builder.build();
    }
}
