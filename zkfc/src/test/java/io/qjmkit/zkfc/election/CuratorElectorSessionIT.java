package io.qjmkit.zkfc.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qjmkit.zkfc.config.ZooKeeperSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The elector across a replaced ZooKeeper session: the client gives its session up (as Curator
 * does when an outage outlasts the session timeout) while the server still holds it, as a
 * restarted server does when it restores its sessions from disk. The latch node of the old session
 * is then still there on reconnecting, and goes away only when the server expires that session.
 */
class CuratorElectorSessionIT {
    private static final ZnodeLayout LAYOUT = new ZnodeLayout("/hadoop-ha", "ns1");
    private static final int SESSION_TIMEOUT_MS = 2000;

    private TestingServer zk;
    private CuratorFramework c1;
    private CuratorFramework c2;
    private final List<CuratorElector> electors = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        // tickTime 200 ms: the server accepts, and expires, a 2 s session
        zk = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1), true);
        Configuration conf = new Configuration(false);
        conf.set("ha.zookeeper.quorum", zk.getConnectString());
        conf.setInt("ha.zookeeper.session-timeout.ms", SESSION_TIMEOUT_MS);
        ZooKeeperSettings settings = ZooKeeperSettings.fromConfiguration(conf);
        c1 = CuratorClients.build(settings);
        c2 = CuratorClients.build(settings);
        c1.start();
        c2.start();
        new ZnodeFormatter(c1, LAYOUT).format(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        electors.forEach(CuratorElector::close);
        c1.close();
        c2.close();
        zk.close();
    }

    private CuratorElector joined(CuratorFramework client, String id) throws Exception {
        CuratorElector elector = new CuratorElector(client, LAYOUT, id, (e, r) -> {});
        electors.add(elector);
        elector.start();
        elector.join();
        return elector;
    }

    @Test
    void standbyWhoseSessionWasReplacedRejoinsWithANodeOfItsNewSession() throws Exception {
        CuratorElector leader = joined(c1, "ns1.nn1");
        await().atMost(Duration.ofSeconds(5)).until(leader::isLeading);
        CuratorElector standby = joined(c2, "ns1.nn2");
        await().atMost(Duration.ofSeconds(5)).until(() -> latchOwners().size() == 2);
        long oldSession = c2.getZookeeperClient().getZooKeeper().getSessionId();

        // The client side of the standby's session ends; the server keeps it until it times out.
        c2.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> c2.getZookeeperClient().isConnected()
                        && c2.getZookeeperClient().getZooKeeper().getSessionId() != oldSession);

        // Well past the old session's expiry, both participants hold nodes of their live sessions.
        await("both controllers in the election with live sessions")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(latchOwners())
                        .containsExactlyInAnyOrder(
                                c1.getZookeeperClient().getZooKeeper().getSessionId(),
                                c2.getZookeeperClient().getZooKeeper().getSessionId()));
        assertThat(leader.isLeading()).isTrue();
        assertThat(standby.isLeading()).isFalse();

        // And the standby still takes over when the leader leaves.
        leader.leave();
        await().atMost(Duration.ofSeconds(5)).until(standby::isLeading);
    }

    /** The sessions owning the latch nodes; a node of an expired session vanishes with it. */
    private List<Long> latchOwners() throws Exception {
        List<Long> owners = new ArrayList<>();
        for (String child : c1.getChildren().forPath(LAYOUT.latchPath())) {
            Stat stat = c1.checkExists().forPath(LAYOUT.latchPath() + "/" + child);
            if (stat != null) {
                owners.add(stat.getEphemeralOwner());
            }
        }
        return owners;
    }
}
