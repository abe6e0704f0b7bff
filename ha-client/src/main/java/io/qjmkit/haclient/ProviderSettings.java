package io.qjmkit.haclient;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ZKUtil;

/**
 * What {@link ZooKeeperFailoverProxyProvider} reads from the client configuration, validated in one
 * place. ZooKeeper keys are the failover controllers' own ({@code ha.zookeeper.*}); each may also be
 * given per nameservice as {@code key.<ns>}, which wins.
 *
 * @param quorum {@code ha.zookeeper.quorum}
 * @param sessionTimeoutMs {@code ha.zookeeper.session-timeout.ms}
 * @param parentZnode {@code ha.zookeeper.parent-znode}
 * @param auths {@code ha.zookeeper.auth} (only needed when {@code ha.zookeeper.acl} denies reads to anyone)
 * @param zkWaitMs {@value #ZK_WAIT_MS}: how long a failover may wait for ZooKeeper to name the new active
 * @param zkStaleWaitMs {@value #ZK_STALE_WAIT_MS}: the shorter wait while ZooKeeper still names the
 *     NameNode that just failed (a lost host, or only a transient error to a live active), capped
 *     by {@code zkWaitMs}
 */
public record ProviderSettings(
        String quorum,
        int sessionTimeoutMs,
        String parentZnode,
        List<ZKUtil.ZKAuthInfo> auths,
        long zkWaitMs,
        long zkStaleWaitMs) {

    public static final String ZK_QUORUM = "ha.zookeeper.quorum";
    public static final String ZK_SESSION_TIMEOUT_MS = "ha.zookeeper.session-timeout.ms";
    public static final int ZK_SESSION_TIMEOUT_MS_DEFAULT = 10_000;
    public static final String ZK_PARENT_ZNODE = "ha.zookeeper.parent-znode";
    public static final String ZK_PARENT_ZNODE_DEFAULT = "/hadoop-ha";
    public static final String ZK_AUTH = "ha.zookeeper.auth";
    /** Upper bound of one failover's wait for ZooKeeper to name the new active; 0 never waits. */
    public static final String ZK_WAIT_MS = "qjmkit.client.failover.zk-wait.ms";

    public static final long ZK_WAIT_MS_DEFAULT = 15_000;
    /**
     * Upper bound of the wait while ZooKeeper still names the NameNode that failed: its controller
     * withdraws the entry within moments when only the NameNode died, so a longer silence means a
     * lost host (the new active shows up after the session timeout) or a transient error to a live
     * active, where round robin comes back to it sooner.
     */
    public static final String ZK_STALE_WAIT_MS = "qjmkit.client.failover.zk-stale-wait.ms";

    public static final long ZK_STALE_WAIT_MS_DEFAULT = 2_000;

    public ProviderSettings {
        auths = List.copyOf(auths);
    }

    /**
     * @throws IllegalArgumentException naming the key and the fix when a value is missing or bad
     */
    public static ProviderSettings fromConfiguration(Configuration conf, String nameserviceId) {
        String quorum = scoped(conf, ZK_QUORUM, nameserviceId, null);
        if (quorum == null || quorum.isEmpty()) {
            throw new IllegalArgumentException("ZooKeeperFailoverProxyProvider for nameservice " + nameserviceId
                    + " needs " + ZK_QUORUM + " (or " + ZK_QUORUM + "." + nameserviceId
                    + "): set it to the ZooKeeper ensemble of the failover controllers, e.g."
                    + " zk1:2181,zk2:2181,zk3:2181, or set dfs.client.failover.proxy.provider." + nameserviceId
                    + " back to org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider");
        }
        int sessionTimeout = parseInt(conf, ZK_SESSION_TIMEOUT_MS, nameserviceId, ZK_SESSION_TIMEOUT_MS_DEFAULT);
        if (sessionTimeout <= 0) {
            throw new IllegalArgumentException(
                    ZK_SESSION_TIMEOUT_MS + " must be a positive number of ms, got " + sessionTimeout);
        }
        String parent = scoped(conf, ZK_PARENT_ZNODE, nameserviceId, ZK_PARENT_ZNODE_DEFAULT);
        if (!parent.startsWith("/") || (parent.length() > 1 && parent.endsWith("/"))) {
            throw new IllegalArgumentException(
                    ZK_PARENT_ZNODE + " must be an absolute znode path without a trailing slash, e.g. /hadoop-ha; got '"
                            + parent + "'");
        }
        long waitMs = parseLong(conf, ZK_WAIT_MS, nameserviceId, ZK_WAIT_MS_DEFAULT);
        if (waitMs < 0) {
            throw new IllegalArgumentException(
                    ZK_WAIT_MS + " must be 0 (never wait) or a positive number of ms, got " + waitMs);
        }
        long staleWaitMs = parseLong(conf, ZK_STALE_WAIT_MS, nameserviceId, ZK_STALE_WAIT_MS_DEFAULT);
        if (staleWaitMs < 0) {
            throw new IllegalArgumentException(
                    ZK_STALE_WAIT_MS + " must be 0 (never wait) or a positive number of ms, got " + staleWaitMs);
        }
        List<ZKUtil.ZKAuthInfo> auths;
        try {
            String authText = ZKUtil.resolveConfIndirection(scoped(conf, ZK_AUTH, nameserviceId, null));
            auths = authText == null || authText.isBlank() ? List.of() : ZKUtil.parseAuth(authText);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Bad " + ZK_AUTH + " (expected scheme:auth[,...] or @/path/to/file): " + e.getMessage(), e);
        }
        return new ProviderSettings(quorum, sessionTimeout, parent, auths, waitMs, Math.min(staleWaitMs, waitMs));
    }

    /** {@code <parent>/<ns>/ActiveServing}. */
    public String servingPath(String nameserviceId) {
        return ServingActive.znodePath(parentZnode, nameserviceId);
    }

    private static String scoped(Configuration conf, String key, String ns, String defaultValue) {
        String value = conf.getTrimmed(key + "." + ns);
        if (value == null || value.isEmpty()) {
            value = conf.getTrimmed(key);
        }
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    private static int parseInt(Configuration conf, String key, String ns, int defaultValue) {
        return (int) parseLong(conf, key, ns, defaultValue);
    }

    private static long parseLong(Configuration conf, String key, String ns, long defaultValue) {
        String text = scoped(conf, key, ns, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of ms, got '" + text + "'", e);
        }
    }
}
