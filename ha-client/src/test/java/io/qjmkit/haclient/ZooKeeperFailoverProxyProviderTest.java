package io.qjmkit.haclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSNNTopology;
import org.apache.hadoop.io.retry.RetryInvocationHandler;
import org.apache.hadoop.test.GenericTestUtils.LogCapturer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The provider inside a real {@link DistributedFileSystem} against two real NameNodes of {@code
 * ns1} ({@link MiniDFSCluster}) and a real ZooKeeper; the test plays the failover controllers: it
 * moves the active by hand and writes the {@code ActiveServing} znode as they would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperFailoverProxyProviderTest {
    private static final String NS = "ns1";
    private static final String SERVING = ServingActive.znodePath("/hadoop-ha", NS);

    private TestingServer zk;
    private CuratorFramework zkClient;
    private MiniDFSCluster cluster;
    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private FileSystem fs;

    @BeforeAll
    void startCluster(@TempDir java.nio.file.Path base) throws Exception {
        zk = new TestingServer(true);
        zkClient = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        zkClient.start();
        zkClient.create().creatingParentsIfNeeded().forPath("/hadoop-ha/" + NS);
        Configuration conf = new HdfsConfiguration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        MiniDFSNNTopology.NSConf nameservice = new MiniDFSNNTopology.NSConf(NS)
                .addNN(new MiniDFSNNTopology.NNConf("nn1").setIpcPort(freePort()))
                .addNN(new MiniDFSNNTopology.NNConf("nn2").setIpcPort(freePort()));
        cluster = new MiniDFSCluster.Builder(conf)
                .nnTopology(new MiniDFSNNTopology().addNameservice(nameservice))
                .numDataNodes(0)
                .build();
        cluster.waitActive();
    }

    @AfterAll
    void stopCluster() throws Exception {
        caller.shutdownNow();
        if (cluster != null) {
            cluster.shutdown();
        }
        zkClient.close();
        zk.close();
    }

    @BeforeEach
    void nn1ActiveAndNoEntry() throws Exception {
        if (cluster.getNameNode(1).isActiveState()) {
            cluster.transitionToStandby(1);
        }
        if (!cluster.getNameNode(0).isActiveState()) {
            cluster.transitionToActive(0);
        }
        if (zkClient.checkExists().forPath(SERVING) != null) {
            zkClient.delete().forPath(SERVING);
        }
    }

    @AfterEach
    void closeClient() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    private Configuration clientConf() {
        Configuration conf = new HdfsConfiguration(cluster.getConfiguration(0));
        conf.set("dfs.client.failover.proxy.provider." + NS, ZooKeeperFailoverProxyProvider.class.getName());
        conf.set("ha.zookeeper.quorum", zk.getConnectString());
        conf.setBoolean("dfs.client.failover.random.order", false); // nn1 first, like the NameNodes' order
        return conf;
    }

    private ZooKeeperFailoverProxyProvider<?> open(Configuration conf) throws IOException {
        fs = FileSystem.newInstance(URI.create("hdfs://" + NS), conf);
        Object namenode = ((DistributedFileSystem) fs).getClient().getNamenode();
        RetryInvocationHandler<?> handler = (RetryInvocationHandler<?>) Proxy.getInvocationHandler(namenode);
        return (ZooKeeperFailoverProxyProvider<?>) handler.getProxyProvider();
    }

    private void writeServing(String nnId) throws Exception {
        int index = "nn1".equals(nnId) ? 0 : 1;
        byte[] data = new ServingActive(
                        NS,
                        nnId,
                        "127.0.0.1",
                        cluster.getNameNode(index).getNameNodeAddress().getPort())
                .toBytes();
        writeRaw(data);
    }

    private void writeRaw(byte[] data) throws Exception {
        if (zkClient.checkExists().forPath(SERVING) == null) {
            zkClient.create().forPath(SERVING, data);
        } else {
            zkClient.setData().forPath(SERVING, data);
        }
    }

    /** What the controllers do in a failover from nn1 to nn2, with the client's write in between. */
    @Test
    void followsTheZnodeToTheNewActiveWithoutRoundRobin() throws Exception {
        writeServing("nn1");
        ZooKeeperFailoverProxyProvider<?> provider = open(clientConf());
        assertThat(fs.mkdirs(new Path("/before"))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(provider::servingNameNodeId, s -> s.equals(Optional.of("nn1")));
        assertThat(provider.currentNameNodeId()).isEqualTo("nn1");

        zkClient.delete().forPath(SERVING); // the old active's controller withdraws it before demoting
        cluster.transitionToStandby(0);
        Future<Boolean> write = caller.submit(() -> fs.mkdirs(new Path("/after")));
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.counts().waitingNow() == 1);
        assertThat(write).isNotDone();

        cluster.transitionToActive(1);
        writeServing("nn2"); // the new active's controller, right after transitionToActive

        assertThat(write.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(provider.currentNameNodeId()).isEqualTo("nn2");
        assertThat(provider.counts()).isEqualTo(new ZooKeeperFailoverProxyProvider.Counts(1, 0, 0));
        assertThat(cluster.getNameNode(1).isActiveState()).isTrue();
        assertThat(fs.exists(new Path("/after"))).isTrue();
    }

    @Test
    void withoutAnyZnodeFailsOverRoundRobinWithoutWaiting() throws Exception {
        ZooKeeperFailoverProxyProvider<?> provider = open(clientConf());
        assertThat(fs.mkdirs(new Path("/rr-before"))).isTrue();

        cluster.transitionToStandby(0);
        cluster.transitionToActive(1);

        assertThat(fs.mkdirs(new Path("/rr-after"))).isTrue();
        assertThat(provider.currentNameNodeId()).isEqualTo("nn2");
        assertThat(provider.counts()).isEqualTo(new ZooKeeperFailoverProxyProvider.Counts(0, 1, 0));
    }

    @Test
    void ignoresGarbageInTheZnodeWithAWarning() throws Exception {
        LogCapturer log = LogCapturer.captureLogs(LoggerFactory.getLogger(ServingActiveWatcher.class));
        try {
            writeRaw("nn2 is active, trust me".getBytes(StandardCharsets.UTF_8));
            ZooKeeperFailoverProxyProvider<?> provider = open(clientConf());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> log.getOutput().contains("ignoring " + SERVING + ": unreadable"));
            assertThat(fs.mkdirs(new Path("/garbage-before"))).isTrue();
            assertThat(provider.currentNameNodeId()).isEqualTo("nn1");

            cluster.transitionToStandby(0);
            cluster.transitionToActive(1);

            assertThat(fs.mkdirs(new Path("/garbage-after"))).isTrue();
            assertThat(provider.servingNameNodeId()).isEmpty();
            assertThat(provider.counts()).isEqualTo(new ZooKeeperFailoverProxyProvider.Counts(0, 1, 0));
        } finally {
            log.stopCapturing();
        }
    }

    @Test
    void staleEntryNamingTheFailedNameNodeIsWaitedOutOnceThenRoundRobin() throws Exception {
        writeServing("nn1");
        Configuration conf = clientConf();
        conf.setLong(ProviderSettings.ZK_STALE_WAIT_MS, 300); // the 15 s overall wait stays: not used here
        ZooKeeperFailoverProxyProvider<?> provider = open(conf);
        await().atMost(Duration.ofSeconds(10)).until(provider::servingNameNodeId, s -> s.equals(Optional.of("nn1")));

        cluster.transitionToStandby(0); // nobody updates the entry: it keeps naming nn1
        cluster.transitionToActive(1);

        assertThat(fs.mkdirs(new Path("/stale"))).isTrue();
        assertThat(provider.currentNameNodeId()).isEqualTo("nn2");
        assertThat(provider.counts().roundRobin()).isEqualTo(1);
        assertThat(provider.counts().followedZooKeeper()).isZero();
    }

    @Test
    void missingQuorumFailsTheClientWithTheKeyToSet() {
        Configuration conf = clientConf();
        conf.unset("ha.zookeeper.quorum");

        assertThatThrownBy(() -> FileSystem.newInstance(URI.create("hdfs://" + NS), conf))
                .hasStackTraceContaining("ha.zookeeper.quorum");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
