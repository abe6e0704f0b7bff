package io.qjmkit.zkfc.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qjmkit.haclient.ServingActive;
import io.qjmkit.zkfc.cli.ZkfcMain;
import io.qjmkit.zkfc.config.ZooKeeperSettings;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Curator elector and {@code -formatZK} against a real ZooKeeper server. */
class CuratorElectorIT {
    private static final ZnodeLayout LAYOUT = new ZnodeLayout("/hadoop-ha", "ns1");
    private static final NameNodeRef NN1 = ref("nn1");
    private static final NameNodeRef NN2 = ref("nn2");

    private TestingServer zk;
    private CuratorFramework c1;
    private CuratorFramework c2;
    private final List<ElectionEvent> events1 = new CopyOnWriteArrayList<>();

    private static NameNodeRef ref(String id) {
        return new NameNodeRef("ns1", id, new InetSocketAddress("127.0.0.1", 8020), 8019);
    }

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingServer(true);
        Configuration conf = new Configuration(false);
        conf.set("ha.zookeeper.quorum", zk.getConnectString());
        ZooKeeperSettings settings = ZooKeeperSettings.fromConfiguration(conf);
        c1 = CuratorClients.build(settings);
        c2 = CuratorClients.build(settings);
        c1.start();
        c2.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        c1.close();
        c2.close();
        zk.close();
    }

    private int format(String... args) {
        HdfsConfiguration conf = new HdfsConfiguration(false);
        conf.set("dfs.nameservices", "ns1");
        conf.set("ha.zookeeper.quorum", zk.getConnectString());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return ZkfcMain.run(
                conf,
                args,
                new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)),
                out,
                out,
                new CountDownLatch(0));
    }

    @Test
    void formatZkCreatesOnceThenNeedsForce() throws Exception {
        assertThat(format("-formatZK", "-nonInteractive")).isEqualTo(ZkfcMain.EXIT_OK);
        assertThat(c1.checkExists().forPath("/hadoop-ha/ns1")).isNotNull();
        c1.create().forPath("/hadoop-ha/ns1/marker");

        assertThat(format("-formatZK", "-nonInteractive")).isEqualTo(ZkfcMain.EXIT_FORMAT_DENIED);
        assertThat(format("-formatZK")).isEqualTo(ZkfcMain.EXIT_FORMAT_DENIED); // answered "n"
        assertThat(c1.checkExists().forPath("/hadoop-ha/ns1/marker")).isNotNull();

        assertThat(format("-formatZK", "-force", "-nonInteractive")).isEqualTo(ZkfcMain.EXIT_OK);
        assertThat(c1.checkExists().forPath("/hadoop-ha/ns1")).isNotNull();
        assertThat(c1.checkExists().forPath("/hadoop-ha/ns1/marker")).isNull();
    }

    @Test
    void refusesToStartOnUnformattedZooKeeper() {
        CuratorElector elector = new CuratorElector(c1, LAYOUT, "ns1.nn1", (e, r) -> {});
        assertThatThrownBy(elector::start).hasMessageContaining("-formatZK");
    }

    @Test
    void onlyTheLeaderCanClaimTheBreadcrumbAndLeavingHandsOver() throws Exception {
        new ZnodeFormatter(c1, LAYOUT).format(false);
        CuratorElector e1 = new CuratorElector(c1, LAYOUT, "ns1.nn1", (e, r) -> events1.add(e));
        CuratorElector e2 = new CuratorElector(c2, LAYOUT, "ns1.nn2", (e, r) -> {});
        e1.start();
        e2.start();
        e1.join();
        await().atMost(Duration.ofSeconds(5)).until(e1::isLeading);
        e2.join();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !e2.isLeading());
        assertThat(events1).contains(ElectionEvent.LEADING);

        BreadcrumbRead absent = e1.readBreadcrumb();
        assertThat(absent.owner()).isEmpty();
        e1.claimBreadcrumb(NN1, absent.version());
        assertThat(e2.readBreadcrumb().owner())
                .hasValueSatisfying(o -> assertThat(o.sameNameNode(NN1)).isTrue());

        // a stale version (someone wrote since the read) is refused
        assertThatThrownBy(() -> e1.claimBreadcrumb(NN1, absent.version())).isInstanceOf(ElectionException.class);

        BreadcrumbRead current = e2.readBreadcrumb();
        e1.leave();
        await().atMost(Duration.ofSeconds(5)).until(e2::isLeading);
        // a participant that left can no longer write: its latch node is gone
        assertThatThrownBy(() -> e1.claimBreadcrumb(NN1, current.version())).isInstanceOf(ElectionException.class);
        e2.claimBreadcrumb(NN2, current.version());
        assertThat(e1.deleteBreadcrumb(NN1)).isFalse(); // names nn2 now
        assertThat(e2.deleteBreadcrumb(NN2)).isTrue();
        assertThat(e1.readBreadcrumb().owner()).isEmpty();
        e1.close();
        e2.close();
    }

    @Test
    void servingEntryIsWrittenByTheLeaderAndRemovedOnlyByTheNameNodeItNames() throws Exception {
        new ZnodeFormatter(c1, LAYOUT).format(false);
        CuratorElector e1 = new CuratorElector(c1, LAYOUT, "ns1.nn1", (e, r) -> {});
        CuratorElector e2 = new CuratorElector(c2, LAYOUT, "ns1.nn2", (e, r) -> {});
        e1.start();
        e2.start();
        e2.publishServing(NN2); // not in the election: writes nothing
        assertThat(c1.checkExists().forPath(LAYOUT.servingPath())).isNull();

        e1.join();
        await().atMost(Duration.ofSeconds(5)).until(e1::isLeading);
        e1.publishServing(NN1); // creates
        e1.publishServing(NN1); // overwrites
        assertThat(servingEntry()).isEqualTo(new ServingActive("ns1", "nn1", "127.0.0.1", 8020));

        e2.join(); // a standby's controller: in the election, not leading; its latch node exists
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !e2.isLeading());
        e2.withdrawServing(NN2); // a stale controller: the entry names nn1
        assertThat(servingEntry().namenodeId()).isEqualTo("nn1");

        e1.withdrawServing(NN1);
        assertThat(c1.checkExists().forPath(LAYOUT.servingPath())).isNull();
        e1.withdrawServing(NN1); // nothing left: a no-op
        e1.close();
        e2.close();
    }

    @Test
    void servingEntryCallsGiveUpAtOnceWhileZooKeeperIsAway() throws Exception {
        new ZnodeFormatter(c1, LAYOUT).format(false);
        CuratorElector e1 = new CuratorElector(c1, LAYOUT, "ns1.nn1", (e, r) -> {});
        e1.start();
        e1.join();
        await().atMost(Duration.ofSeconds(5)).until(e1::isLeading);
        e1.publishServing(NN1);

        zk.stop();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !c1.getZookeeperClient().isConnected());

        // Curator alone would retry for its connection timeout (15 s) per attempt
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            e1.withdrawServing(NN1);
            e1.publishServing(NN1);
        });
        zk.restart();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> c1.getZookeeperClient().isConnected());
        assertThat(servingEntry().namenodeId()).isEqualTo("nn1"); // nothing was removed while away
        e1.close();
    }

    private ServingActive servingEntry() throws Exception {
        return ServingActive.parse(c1.getData().forPath(LAYOUT.servingPath()));
    }
}
