package io.qjmkit.zkfc.testing;

import static org.awaitility.Awaitility.await;

import io.qjmkit.haclient.ServingActive;
import io.qjmkit.zkfc.cli.ControllerDaemon;
import io.qjmkit.zkfc.cli.ZkfcMain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSNNTopology;
import org.apache.hadoop.hdfs.server.namenode.NameNode;

/**
 * A real ZooKeeper ({@link TestingServer}), two real NameNodes of nameservice {@code ns1} in this
 * JVM ({@link MiniDFSCluster}, shared edits in a local directory) and one {@link
 * ControllerDaemon} per NameNode, as {@code bin/zkfc} would wire it.
 */
public final class HaCluster implements AutoCloseable {
    public static final String NS = "ns1";
    private final String[] ids;

    private final TestingServer zooKeeper;
    private final MiniDFSCluster cluster;
    private final Configuration baseConf;
    private final List<ControllerDaemon> daemons = new ArrayList<>();
    private CuratorFramework reader;

    private HaCluster(TestingServer zooKeeper, MiniDFSCluster cluster, Configuration baseConf, String[] ids) {
        this.ids = ids;
        this.zooKeeper = zooKeeper;
        this.cluster = cluster;
        this.baseConf = baseConf;
    }

    /** Starts everything; both NameNodes begin as standby and the controllers pick the active. */
    public static HaCluster start(Path baseDir, String fencingMethods) throws Exception {
        return start(baseDir, fencingMethods, 2);
    }

    /** Like {@link #start(Path, String)} with {@code nameNodes} NameNodes (nn1, nn2, ...). */
    public static HaCluster start(Path baseDir, String fencingMethods, int nameNodes) throws Exception {
        String[] ids = new String[nameNodes];
        for (int i = 0; i < nameNodes; i++) {
            ids[i] = "nn" + (i + 1);
        }
        TestingServer zk = new TestingServer(true);
        Configuration conf = new HdfsConfiguration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        conf.setBoolean("dfs.ha.automatic-failover.enabled", true);
        conf.set("dfs.ha.fencing.methods", fencingMethods);
        conf.set("ha.zookeeper.quorum", zk.getConnectString());
        conf.setInt("ha.zookeeper.session-timeout.ms", 6_000);
        conf.setLong("ha.health-monitor.check-interval.ms", 200);
        conf.setInt("ha.health-monitor.rpc-timeout.ms", 2_000);
        conf.setInt("ha.failover-controller.graceful-fence.rpc-timeout.ms", 2_000);
        conf.setLong("qjmkit.zkfc.failure-backoff.ms", 1_000);
        MiniDFSNNTopology.NSConf nameservice = new MiniDFSNNTopology.NSConf(NS);
        for (String id : ids) {
            conf.setInt("dfs.ha.zkfc.port." + NS + "." + id, freePort());
            nameservice.addNN(new MiniDFSNNTopology.NNConf(id).setIpcPort(freePort()));
        }
        MiniDFSNNTopology topology = new MiniDFSNNTopology().addNameservice(nameservice);
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf)
                .nnTopology(topology)
                .numDataNodes(0)
                .build();
        dfs.waitActive();
        HaCluster ha = new HaCluster(zk, dfs, conf, ids);
        try {
            int formatted = runMain(new String[] {"-formatZK", "-nonInteractive"}, ha.controllerConf(0));
            if (formatted != ZkfcMain.EXIT_OK) {
                throw new IllegalStateException("-formatZK failed with exit code " + formatted);
            }
            for (int i = 0; i < nameNodes; i++) {
                ControllerDaemon daemon = ControllerDaemon.create(ha.controllerConf(i));
                ha.daemons.add(daemon);
                daemon.start();
            }
        } catch (Exception e) {
            ha.close();
            throw e;
        }
        return ha;
    }

    /** The configuration a controller next to NameNode {@code index} would read. */
    public Configuration controllerConf(int index) {
        Configuration conf = new HdfsConfiguration(cluster.getConfiguration(index));
        conf.set("dfs.ha.namenode.id", ids[index]);
        conf.set("dfs.nameservice.id", NS);
        return conf;
    }

    public Configuration adminConf() {
        return new HdfsConfiguration(cluster.getConfiguration(0));
    }

    /** The NameNode id of {@code index} (nn1, nn2, ...). */
    public String id(int index) {
        return ids[index];
    }

    public ControllerDaemon controller(int index) {
        return daemons.get(index);
    }

    public NameNode nameNode(int index) {
        return cluster.getNameNode(index);
    }

    public boolean isActive(int index) {
        NameNode nn = cluster.getNameNode(index);
        return nn != null && nn.isActiveState();
    }

    public boolean isStandby(int index) {
        NameNode nn = cluster.getNameNode(index);
        return nn != null && nn.isStandbyState();
    }

    /** Waits until exactly one NameNode is active and returns its index. */
    public int awaitOneActive(Duration atMost) {
        await().atMost(atMost).until(() -> activeIndexes().size() == 1);
        return activeIndexes().get(0);
    }

    /** Indexes of the NameNodes that are active now. */
    public List<Integer> activeIndexes() {
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (isActive(i)) {
                active.add(i);
            }
        }
        return active;
    }

    public void shutdownNameNode(int index) {
        cluster.shutdownNameNode(index);
    }

    /** The NameNode id the ActiveServing znode names now, if any (what a client would follow). */
    public synchronized Optional<String> servingNameNode() throws Exception {
        if (reader == null) {
            reader = CuratorFrameworkFactory.newClient(zooKeeper.getConnectString(), new RetryOneTime(100));
            reader.start();
        }
        String path = ServingActive.znodePath("/hadoop-ha", NS);
        if (reader.checkExists().forPath(path) == null) {
            return Optional.empty();
        }
        return Optional.of(ServingActive.parse(reader.getData().forPath(path)).namenodeId());
    }

    public TestingServer zooKeeper() {
        return zooKeeper;
    }

    public Configuration baseConf() {
        return baseConf;
    }

    @Override
    public void close() throws IOException {
        for (ControllerDaemon d : daemons) {
            d.close();
        }
        synchronized (this) {
            if (reader != null) {
                reader.close();
            }
        }
        cluster.shutdown();
        zooKeeper.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code ZkfcMain.run} with discarded console streams. */
    public static int runMain(String[] args, Configuration conf) {
        return ZkfcMain.run(
                conf, args, new ByteArrayInputStream(new byte[0]), System.out, System.err, new CountDownLatch(0));
    }
}
