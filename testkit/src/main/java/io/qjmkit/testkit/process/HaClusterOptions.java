package io.qjmkit.testkit.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a test or the benchmark may change in a {@link HaProcessCluster} before it starts: which
 * daemons (qjm-kit's or Hadoop's), ZooKeeper timing, fencing, the client's failover proxy provider,
 * and where the distribution and the working directories are.
 */
public final class HaClusterOptions {
    private String fencingMethods = "shell(/bin/true)";
    private int zkSessionTimeoutMs = 3000;
    private int zkTickMs = HaProcessCluster.DEFAULT_ZK_TICK_MS;
    private int healthRpcTimeoutMs = 3000;
    private boolean stockHadoop;
    private String clientProvider = HaProcessCluster.CONFIGURED_PROVIDER;
    private Path dist = DistProcesses.defaultDist();
    private Path workRoot = Path.of("target", "it-work");
    private final Map<String, String> extra = new LinkedHashMap<>();

    /**
     * Hadoop's own JournalNodes, QuorumJournalManager and ZKFC instead of qjm-kit's (same
     * NameNodes, ZooKeeper, keys and client), for side-by-side measurements.
     */
    public HaClusterOptions stockHadoop() {
        this.stockHadoop = true;
        return this;
    }

    public HaClusterOptions fencing(String methods) {
        this.fencingMethods = methods;
        return this;
    }

    /** {@code ha.zookeeper.session-timeout.ms} of both controllers. */
    public HaClusterOptions zkSessionTimeoutMs(int ms) {
        this.zkSessionTimeoutMs = ms;
        return this;
    }

    /**
     * ZooKeeper's {@code tickTime}. The server expires sessions on tick boundaries and only
     * grants timeouts between 2 and 20 ticks, so a fine tick keeps expiry close to the timeout.
     */
    public HaClusterOptions zkTickMs(int ms) {
        this.zkTickMs = ms;
        return this;
    }

    /**
     * The class of {@code dfs.client.failover.proxy.provider.<ns>} in the clients this cluster
     * hands out ({@link HaProcessCluster#haFileSystem()}); it must be on the caller's classpath. The daemons'
     * configuration is not affected.
     */
    public HaClusterOptions clientFailoverProxyProvider(String className) {
        this.clientProvider = className;
        return this;
    }

    /** The built distribution to start processes from (default: system property qjmkit.dist.dir). */
    public HaClusterOptions dist(Path dir) {
        this.dist = dir;
        return this;
    }

    /** The directory under which each cluster gets its own working directory (default target/it-work). */
    public HaClusterOptions workRoot(Path dir) {
        this.workRoot = dir;
        return this;
    }

    /** Any further key for every daemon's configuration. */
    public HaClusterOptions set(String key, String value) {
        extra.put(key, value);
        return this;
    }

    public boolean isStockHadoop() {
        return stockHadoop;
    }

    public int zkSessionTimeoutMs() {
        return zkSessionTimeoutMs;
    }

    public int zkTickMs() {
        return zkTickMs;
    }

    public String clientFailoverProxyProvider() {
        return clientProvider;
    }

    String fencingMethods() {
        return fencingMethods;
    }

    int healthRpcTimeoutMs() {
        return healthRpcTimeoutMs;
    }

    Path dist() {
        return dist;
    }

    Path workRoot() {
        return workRoot;
    }

    Map<String, String> extra() {
        return extra;
    }
}
