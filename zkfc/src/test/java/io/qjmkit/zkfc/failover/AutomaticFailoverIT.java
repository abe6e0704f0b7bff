package io.qjmkit.zkfc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qjmkit.zkfc.testing.HaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hdfs.tools.DFSHAAdmin;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two real NameNodes, a real ZooKeeper and two controllers in this JVM, with a fence that works. */
class AutomaticFailoverIT {
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticFailoverIT.class);

    @TempDir
    Path base;

    private HaCluster ha;

    @BeforeEach
    void setUp() throws Exception {
        ha = HaCluster.start(base, "shell(/bin/true)");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ha != null) {
            ha.close();
        }
    }

    @Test
    void oneNameNodeBecomesActiveAndTheOtherTakesOverWhenItDies() throws Exception {
        int active = ha.awaitOneActive(Duration.ofSeconds(20));
        int other = 1 - active;
        assertThat(ha.controller(active).controller().state()).isEqualTo(ControllerState.ACTIVE);
        await().atMost(Duration.ofSeconds(5)).until(ha::servingNameNode, s -> s.equals(Optional.of(ha.id(active))));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ha.controller(other).controller().state() == ControllerState.ELECTION);

        long start = System.nanoTime();
        ha.shutdownNameNode(active);
        long stopped = System.nanoTime();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ha.isActive(other));
        long end = System.nanoTime();

        long total = (end - start) / 1_000_000;
        long afterExit = (end - stopped) / 1_000_000;
        LOG.info("FAILOVER TIME: {} ms from shutdownNameNode() call, {} ms after it returned", total, afterExit);
        assertThat(afterExit).isLessThan(5_000);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ha.controller(other).controller().state() == ControllerState.ACTIVE);
        assertThat(ha.servingNameNode()).contains(ha.id(other));
    }

    @Test
    void zooKeeperRestartCausesNoFailoverAndNoDemotion() throws Exception {
        int active = ha.awaitOneActive(Duration.ofSeconds(20));
        int other = 1 - active;
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ha.controller(other).controller().state() == ControllerState.ELECTION);

        ha.zooKeeper().restart();

        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> ha.isActive(active)
                        && ha.isStandby(other)
                        && ha.controller(active).controller().state() == ControllerState.ACTIVE);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ha.controller(active).controller().elector().isLeading());
        assertThat(ha.controller(other).controller().state()).isEqualTo(ControllerState.ELECTION);
    }

    @Test
    void hadoopHaAdminFailoverSwapsRolesThroughTheControllers() throws Exception {
        int active = ha.awaitOneActive(Duration.ofSeconds(20));
        int other = 1 - active;
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ha.controller(other).controller().state() == ControllerState.ELECTION);

        DFSHAAdmin admin = new DFSHAAdmin();
        admin.setConf(ha.adminConf());
        long start = System.nanoTime();
        int rc = ToolRunner.run(admin, new String[] {"-failover", ha.id(active), ha.id(other)});
        LOG.info("hdfs haadmin -failover took {} ms", (System.nanoTime() - start) / 1_000_000);

        assertThat(rc).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> ha.isActive(other) && ha.isStandby(active));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ha.controller(other).controller().state() == ControllerState.ACTIVE);
        assertThat(ha.servingNameNode()).contains(ha.id(other));
        // the old active rejoined the election after the failover, ready for a failback
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ha.controller(active).controller().state() == ControllerState.ELECTION);
    }

    @Test
    void cedingActiveRemovesItsServingEntryAndTheNewActivePublishesItself() throws Exception {
        int active = ha.awaitOneActive(Duration.ofSeconds(20));
        int other = 1 - active;
        await().atMost(Duration.ofSeconds(5)).until(ha::servingNameNode, s -> s.equals(Optional.of(ha.id(active))));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ha.controller(other).controller().state() == ControllerState.ELECTION);

        ha.controller(active).controller().cedeActive(60_000).get(10, TimeUnit.SECONDS);

        assertThat(ha.isStandby(active)).isTrue();
        assertThat(ha.servingNameNode()).isNotEqualTo(Optional.of(ha.id(active)));
        await().atMost(Duration.ofSeconds(10)).until(() -> ha.isActive(other));
        await().atMost(Duration.ofSeconds(5)).until(ha::servingNameNode, s -> s.equals(Optional.of(ha.id(other))));
    }
}
