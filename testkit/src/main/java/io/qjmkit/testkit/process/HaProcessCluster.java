package io.qjmkit.testkit.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.ha.HAServiceProtocol;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.tools.NNHAServiceTarget;
import org.apache.hadoop.ipc.RPC;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete automatic-failover deployment as separate processes started from the built
 * distribution: a single-server ZooKeeper ({@code bin/zookeeper}), three JournalNodes, two stock
 * NameNodes on the qjm-kit journal, and one failover controller ({@code bin/zkfc}) per NameNode.
 * Tests and the benchmark kill, stop and restart these processes (by PID) and ask the NameNodes
 * for their HA state over RPC.
 */
public final class HaProcessCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HaProcessCluster.class);

    public static final String NS = "ha";
    public static final String PARENT_ZNODE = "/hadoop-ha";
    /** ZooKeeper's default tick here: sessions from 1 s to 10 s are allowed. */
    public static final int DEFAULT_ZK_TICK_MS = 500;
    /** The client's failover proxy provider unless {@link HaClusterOptions#clientFailoverProxyProvider} says otherwise. */
    public static final String CONFIGURED_PROVIDER =
            "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider";

    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CMD_TIMEOUT = Duration.ofMinutes(2);

    private final DistProcesses procs;
    private final Path workDir;
    private final Map<String, String> common = new LinkedHashMap<>();
    private final Path[] nnConf = new Path[2];
    private final int zkPort = DistProcesses.freePort();
    private final int[] jnRpc = {DistProcesses.freePort(), DistProcesses.freePort(), DistProcesses.freePort()};
    private final Process[] jn = new Process[3];
    private final int[] nnRpc = {DistProcesses.freePort(), DistProcesses.freePort()};
    private final int[] zkfcPort = {DistProcesses.freePort(), DistProcesses.freePort()};
    private final boolean stock;
    private final int zkTickMs;
    private final String clientProvider;
    private final Path zkConf;
    private Process zk;
    private final Process[] nn = new Process[2];
    private final Process[] zkfc = new Process[2];
    private int generation;

    private HaProcessCluster(Path workDir, HaClusterOptions o) throws IOException {
        if (o.zkSessionTimeoutMs() < 2 * o.zkTickMs() || o.zkSessionTimeoutMs() > 20 * o.zkTickMs()) {
            throw new IllegalArgumentException("ha.zookeeper.session-timeout.ms=" + o.zkSessionTimeoutMs()
                    + " is outside what ZooKeeper grants with tickTime " + o.zkTickMs() + " (2 to 20 ticks):"
                    + " change zkSessionTimeoutMs or zkTickMs");
        }
        this.workDir = workDir;
        this.procs = new DistProcesses(o.dist(), workDir);
        this.stock = o.isStockHadoop();
        this.zkTickMs = o.zkTickMs();
        this.clientProvider = o.clientFailoverProxyProvider();
        int[] nnHttp = {DistProcesses.freePort(), DistProcesses.freePort()};
        common.putAll(HaNameserviceConf.of(NS, jnRpc, nnRpc, nnHttp));
        for (int i = 0; i < 2; i++) {
            common.put("dfs.ha.zkfc.port." + NS + "." + id(i), Integer.toString(zkfcPort[i]));
        }
        common.put("dfs.ha.automatic-failover.enabled", "true");
        common.put("ha.zookeeper.quorum", "127.0.0.1:" + zkPort);
        common.put("ha.zookeeper.parent-znode", PARENT_ZNODE);
        common.put("ha.zookeeper.session-timeout.ms", Integer.toString(o.zkSessionTimeoutMs()));
        common.put("ha.health-monitor.check-interval.ms", "500");
        common.put("ha.health-monitor.rpc-timeout.ms", Integer.toString(o.healthRpcTimeoutMs()));
        common.put("ha.failover-controller.graceful-fence.rpc-timeout.ms", "2000");
        common.put("qjmkit.zkfc.failure-backoff.ms", "2000");
        common.put("dfs.ha.fencing.methods", o.fencingMethods());
        common.putAll(o.extra());
        if (stock) {
            common.remove("dfs.namenode.edits.journal-plugin.qjournal");
        }
        this.zkConf = procs.confDir("zk", Map.of());
    }

    /** The NameNode id of index {@code i} (0 or 1): nn1, nn2. */
    public static String id(int i) {
        return "nn" + (i + 1);
    }

    /** The index of the other NameNode. */
    public static int other(int i) {
        return 1 - i;
    }

    /** Starts every process, formats ZooKeeper and the namespace, and waits for a stable election. */
    public static HaProcessCluster start(String name, HaClusterOptions o) throws Exception {
        Path base = Files.createDirectories(o.workRoot().toAbsolutePath());
        HaProcessCluster c = new HaProcessCluster(Files.createTempDirectory(base, name + "-"), o);
        try {
            c.startAll();
        } catch (Throwable t) {
            c.close();
            throw t;
        }
        return c;
    }

    private void startAll() throws Exception {
        Path template = FORMATTED.get(stock);
        if (template != null && !Files.isDirectory(template)) {
            // The cluster that kept it was deleted: format again.
            FORMATTED.remove(stock, template);
            template = null;
        }
        if (template != null) {
            for (int i = 0; i < 3; i++) {
                copyTree(template.resolve("jn" + i), workDir.resolve("jn" + i));
            }
            copyTree(template.resolve("name"), nameDir(0));
        }
        zk = startZooKeeper("zookeeper");
        for (int i = 0; i < 3; i++) {
            Map<String, String> props = new LinkedHashMap<>(common);
            props.put("dfs.journalnode.edits.dir", workDir.resolve("jn" + i).toString());
            props.put("dfs.journalnode.rpc-address", "127.0.0.1:" + jnRpc[i]);
            props.put("dfs.journalnode.http-address", "127.0.0.1:" + DistProcesses.freePort());
            jn[i] = startDaemon("jn" + i, procs.confDir("jn" + i, props), "journalnode");
        }
        for (int i = 0; i < 2; i++) {
            Map<String, String> props = new LinkedHashMap<>(common);
            props.put("dfs.ha.namenode.id", id(i));
            props.put("dfs.namenode.name.dir", nameDir(i).toString());
            nnConf[i] = procs.confDir(id(i), props);
        }
        DistProcesses.awaitListening(zkPort, START_TIMEOUT);
        Process formatZk = startDaemon("formatZK", nnConf[0], "zkfc", "-formatZK", "-nonInteractive");
        for (int port : jnRpc) {
            DistProcesses.awaitListening(port, START_TIMEOUT);
        }
        if (template == null) {
            awaitSuccess(procs.start("format", nnConf[0], "namenode", "-format", "-nonInteractive"), "format");
            keepAsTemplate();
        }
        // The standby's metadata is a copy of the freshly formatted one: what -bootstrapStandby
        // would download, without waiting for nn1 to be up first.
        copyTree(nameDir(0), nameDir(1));
        for (int i = 0; i < 2; i++) {
            nn[i] = procs.start(id(i), nnConf[i], "namenode");
        }
        awaitSuccess(formatZk, "formatZK");
        for (int i = 0; i < 2; i++) {
            DistProcesses.awaitListening(nnRpc[i], START_TIMEOUT);
        }
        for (int i = 0; i < 2; i++) {
            zkfc[i] = startDaemon("zkfc" + (i + 1), nnConf[i], "zkfc");
        }
        if (stock) {
            for (int port : zkfcPort) {
                DistProcesses.awaitListening(port, START_TIMEOUT);
            }
        }
        awaitStableElection(START_TIMEOUT);
    }

    /**
     * Starts qjm-kit's {@code bin/<daemon>} (journalnode, zkfc), or with the stock-Hadoop option
     * Hadoop's own through {@code bin/hdfs <daemon>}.
     */
    private Process startDaemon(String name, Path conf, String daemon, String... args) throws IOException {
        if (!stock) {
            return procs.start(name, conf, daemon, args);
        }
        String[] hdfsArgs = new String[args.length + 1];
        hdfsArgs[0] = daemon;
        System.arraycopy(args, 0, hdfsArgs, 1, args.length);
        return procs.start(name, conf, "hdfs", hdfsArgs);
    }

    /**
     * The JournalNodes' and nn1's storage right after the first {@code namenode -format} of this
     * JVM. Nothing in it depends on ports, so later clusters start from a copy and skip the format
     * (about ten seconds of a two-core machine each).
     */
    private static final Map<Boolean, Path> FORMATTED = new java.util.concurrent.ConcurrentHashMap<>();

    private void keepAsTemplate() throws IOException {
        Path template = workDir.resolve("formatted-template");
        for (int i = 0; i < 3; i++) {
            copyTree(workDir.resolve("jn" + i), template.resolve("jn" + i));
        }
        copyTree(nameDir(0), template.resolve("name"));
        FORMATTED.putIfAbsent(stock, template);
    }

    private Path nameDir(int i) {
        return workDir.resolve(id(i) + "-name");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private void awaitSuccess(Process p, String name) throws InterruptedException {
        if (!p.waitFor(CMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not finish within " + CMD_TIMEOUT + "; see " + procs.log(name));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(name + " failed with exit code " + p.exitValue() + ":\n" + procs.logText(name));
        }
    }

    private Process startZooKeeper(String logName) throws IOException {
        return procs.start(
                logName,
                zkConf,
                "zookeeper",
                Integer.toString(zkPort),
                workDir.resolve("zk-data").toString(),
                Integer.toString(zkTickMs));
    }

    /**
     * One NameNode active, the other standby, and both controllers in the election (Hadoop's ZKFC
     * leaves no trace of the waiting controller in ZooKeeper: there, only the lock is counted).
     */
    public void awaitStableElection(Duration timeout) {
        Poll.until(
                "one active and one standby NameNode, both controllers in the election",
                timeout,
                Duration.ofMillis(200),
                () -> active().isPresent()
                        && state(other(active().get())).orElse(null) == HAServiceState.STANDBY
                        && electionParticipants() == (stock ? 1 : 2));
    }

    /** Waits until NameNode {@code i} reports {@code expected}. */
    public void awaitState(int i, HAServiceState expected, Duration timeout, String why) {
        Poll.until(
                id(i) + " " + expected + ": " + why,
                timeout,
                Duration.ofMillis(100),
                () -> state(i).orElse(null) == expected);
    }

    /** The HA state NameNode {@code i} reports, or empty when it does not answer within 2 s. */
    public Optional<HAServiceState> state(int i) {
        try {
            HAServiceProtocol proxy = haServiceProxy(i, 2000);
            try {
                return Optional.of(proxy.getServiceStatus().getState());
            } finally {
                RPC.stopProxy(proxy);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * An RPC proxy of NameNode {@code i}'s {@link HAServiceProtocol} whose calls give up after
     * {@code timeoutMs}; the caller stops it with {@link RPC#stopProxy}.
     */
    public HAServiceProtocol haServiceProxy(int i, int timeoutMs) throws IOException {
        Configuration conf = clientConf();
        return new NNHAServiceTarget(conf, NS, id(i)).getProxy(conf, timeoutMs);
    }

    /** The index of the NameNode that reports itself active, if one does. */
    public Optional<Integer> active() {
        for (int i = 0; i < 2; i++) {
            if (state(i).orElse(null) == HAServiceState.ACTIVE) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Ephemeral znodes under the nameservice's znode: one per controller in the election. */
    public int electionParticipants() {
        List<Long> owners = electionSessions();
        return owners == null ? -1 : owners.size();
    }

    /**
     * The sessions owning the ephemeral znodes under the nameservice's znode, one entry per znode,
     * or null when ZooKeeper does not answer.
     */
    public List<Long> electionSessions() {
        try {
            ZooKeeper zooKeeper = new ZooKeeper("127.0.0.1:" + zkPort, 5000, event -> {});
            try {
                List<Long> owners = new ArrayList<>();
                collectEphemeralOwners(zooKeeper, PARENT_ZNODE + "/" + NS, owners);
                return owners;
            } finally {
                zooKeeper.close();
            }
        } catch (Exception e) {
            return null;
        }
    }

    private static void collectEphemeralOwners(ZooKeeper zooKeeper, String path, List<Long> owners) throws Exception {
        Stat stat = zooKeeper.exists(path, false);
        if (stat == null) {
            return;
        }
        if (stat.getEphemeralOwner() != 0) {
            owners.add(stat.getEphemeralOwner());
        }
        for (String child : zooKeeper.getChildren(path, false)) {
            collectEphemeralOwners(zooKeeper, path + "/" + child, owners);
        }
    }

    /** An HA client configuration that fails over quickly and keeps trying through a failover. */
    public Configuration clientConf() {
        Configuration conf = new HdfsConfiguration();
        common.forEach(conf::set);
        conf.set("dfs.client.failover.proxy.provider." + NS, clientProvider);
        conf.setInt("dfs.client.failover.max.attempts", 200);
        conf.setInt("dfs.client.failover.sleep.base.millis", 50);
        conf.setInt("dfs.client.failover.sleep.max.millis", 500);
        // A stopped NameNode accepts connections but never answers: give up on it after 5 s.
        conf.setInt("ipc.client.rpc-timeout.ms", 5000);
        conf.setInt("ipc.client.connect.timeout", 2000);
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        return conf;
    }

    /** The HA file system of the nameservice. */
    public FileSystem haFileSystem() throws IOException {
        return FileSystem.newInstance(URI.create("hdfs://" + NS), clientConf());
    }

    /** The HA file system, giving up a call after {@code attempts} failovers (for outages on purpose). */
    public FileSystem haFileSystem(int attempts) throws IOException {
        Configuration conf = clientConf();
        conf.setInt("dfs.client.failover.max.attempts", attempts);
        return FileSystem.newInstance(URI.create("hdfs://" + NS), conf);
    }

    /** A client of NameNode {@code i} alone (no failover, no retries). */
    public FileSystem directFileSystem(int i) throws IOException {
        Configuration conf = clientConf();
        conf.setBoolean("dfs.client.retry.policy.enabled", false);
        return FileSystem.newInstance(URI.create("hdfs://127.0.0.1:" + nnRpc[i]), conf);
    }

    public String nnAddress(int i) {
        return "127.0.0.1:" + nnRpc[i];
    }

    public Process nameNode(int i) {
        return nn[i];
    }

    /** JournalNode {@code i} (0-2). */
    public Process journalNode(int i) {
        return jn[i];
    }

    /** The RPC address of JournalNode {@code i}. */
    public InetSocketAddress journalNodeAddress(int i) {
        return new InetSocketAddress("127.0.0.1", jnRpc[i]);
    }

    public Process controller(int i) {
        return zkfc[i];
    }

    /** The log of controller {@code i} as first started. */
    public String controllerLog(int i) {
        return procs.logText("zkfc" + (i + 1));
    }

    /** This cluster's working directory: configuration, storage and every process's log. */
    public Path workDir() {
        return workDir;
    }

    /** The ZooKeeper tick this cluster's server runs with, in milliseconds. */
    public int zkTickMs() {
        return zkTickMs;
    }

    /** SIGKILL of NameNode {@code i}, as a crash or the OOM killer would. */
    public void kill9NameNode(int i) throws InterruptedException {
        LOG.info("SIGKILL {} (pid {})", id(i), nn[i].pid());
        DistProcesses.kill9(nn[i]);
    }

    /** Starts NameNode {@code i} again on its storage; it comes up standby. */
    public void restartNameNode(int i) throws IOException {
        nn[i] = procs.start(id(i) + "-r" + (++generation), nnConf[i], "namenode");
    }

    public void kill9Controller(int i) throws InterruptedException {
        LOG.info("SIGKILL controller of {} (pid {})", id(i), zkfc[i].pid());
        DistProcesses.kill9(zkfc[i]);
    }

    /** Starts controller {@code i} again; it rejoins the election. */
    public void restartController(int i) throws IOException {
        zkfc[i] = startDaemon("zkfc" + (i + 1) + "-r" + (++generation), nnConf[i], "zkfc");
    }

    /**
     * The loss of NameNode {@code i}'s host: SIGKILL of the NameNode and its controller together
     * (both signalled before either is waited for). Its ZooKeeper session then lives on until it
     * expires.
     */
    public void kill9Host(int i) throws InterruptedException {
        LOG.info("SIGKILL {} (pid {}) and its controller (pid {}): host lost", id(i), nn[i].pid(), zkfc[i].pid());
        DistProcesses.kill9(nn[i], zkfc[i]);
    }

    /** SIGKILL of the ZooKeeper server and a start on the same port and data directory. */
    public void restartZooKeeper() throws Exception {
        killZooKeeper();
        startZooKeeperAgain();
    }

    /** SIGKILL of the ZooKeeper server; {@link #startZooKeeperAgain()} brings it back. */
    public void killZooKeeper() throws InterruptedException {
        LOG.info("SIGKILL ZooKeeper (pid {})", zk.pid());
        DistProcesses.kill9(zk);
    }

    /** Starts the ZooKeeper server on the same port and data directory, as a restarted server. */
    public void startZooKeeperAgain() throws IOException {
        zk = startZooKeeper("zookeeper-r" + (++generation));
        DistProcesses.awaitListening(zkPort, START_TIMEOUT);
    }

    /** Runs {@code bin/<command> args} with nn1's configuration and captures its output. */
    public DistProcesses.CliResult cli(String name, String stdin, String command, String... args) throws Exception {
        return procs.runCaptured(name, nnConf[0], CMD_TIMEOUT, stdin, command, args);
    }

    @Override
    public void close() {
        procs.close();
    }
}
