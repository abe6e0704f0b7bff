package io.qjmkit.zkfc.config;

/**
 * Every configuration key the controller reads, with its default. Kept in one small class so the
 * operator-facing surface is visible in one screen.
 */
public final class ZkfcKeys {
    public static final String ZK_QUORUM = "ha.zookeeper.quorum";
    public static final String ZK_SESSION_TIMEOUT_MS = "ha.zookeeper.session-timeout.ms";
    public static final int ZK_SESSION_TIMEOUT_MS_DEFAULT = 10_000;
    public static final String ZK_PARENT_ZNODE = "ha.zookeeper.parent-znode";
    public static final String ZK_PARENT_ZNODE_DEFAULT = "/hadoop-ha";
    public static final String ZK_ACL = "ha.zookeeper.acl";
    public static final String ZK_ACL_DEFAULT = "world:anyone:rwcda";
    public static final String ZK_AUTH = "ha.zookeeper.auth";

    public static final String HEALTH_CHECK_INTERVAL_MS = "ha.health-monitor.check-interval.ms";
    public static final long HEALTH_CHECK_INTERVAL_MS_DEFAULT = 500;
    public static final String HEALTH_RPC_TIMEOUT_MS = "ha.health-monitor.rpc-timeout.ms";
    public static final int HEALTH_RPC_TIMEOUT_MS_DEFAULT = 5_000;
    public static final String GRACEFUL_FENCE_TIMEOUT_MS = "ha.failover-controller.graceful-fence.rpc-timeout.ms";
    public static final int GRACEFUL_FENCE_TIMEOUT_MS_DEFAULT = 5_000;
    public static final String NEW_ACTIVE_TIMEOUT_MS = "ha.failover-controller.new-active.rpc-timeout.ms";
    public static final int NEW_ACTIVE_TIMEOUT_MS_DEFAULT = 60_000;

    /** How long a controller stays out of the election after a failed fence or promotion. */
    public static final String FAILURE_BACKOFF_MS = "qjmkit.zkfc.failure-backoff.ms";

    public static final long FAILURE_BACKOFF_MS_DEFAULT = 5_000;
    /** Whether to keep the idle TCP connection that notices a NameNode process exit at once. */
    public static final String LIVENESS_CONNECTION_ENABLED = "qjmkit.zkfc.liveness-connection.enabled";

    public static final boolean LIVENESS_CONNECTION_ENABLED_DEFAULT = true;

    public static final String AUTO_FAILOVER_ENABLED = "dfs.ha.automatic-failover.enabled";
    public static final String ZKFC_PORT = "dfs.ha.zkfc.port";
    public static final int ZKFC_PORT_DEFAULT = 8019;
    public static final String FENCING_METHODS = "dfs.ha.fencing.methods";

    /** Keys that may also be given per nameservice or per NameNode ({@code key.<ns>[.<nn>]}). */
    public static final String[] SCOPED_KEYS = {
        ZK_QUORUM,
        ZK_SESSION_TIMEOUT_MS,
        ZK_PARENT_ZNODE,
        ZK_ACL,
        ZK_AUTH,
        HEALTH_CHECK_INTERVAL_MS,
        HEALTH_RPC_TIMEOUT_MS,
        GRACEFUL_FENCE_TIMEOUT_MS,
        NEW_ACTIVE_TIMEOUT_MS,
        FAILURE_BACKOFF_MS,
        LIVENESS_CONNECTION_ENABLED
    };

    private ZkfcKeys() {}
}
