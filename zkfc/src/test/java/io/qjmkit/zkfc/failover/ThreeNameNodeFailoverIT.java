package io.qjmkit.zkfc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qjmkit.zkfc.testing.HaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three NameNodes in one nameservice, one controller each: exactly one is ever active, and the
 * role moves on each time the active one dies, until only one NameNode is left.
 */
class ThreeNameNodeFailoverIT {
    @TempDir
    Path dir;

    private HaCluster ha;

    @AfterEach
    void tearDown() throws Exception {
        if (ha != null) {
            ha.close();
        }
    }

    @Test
    void activeRoleMovesToASurvivorEachTimeTheActiveDies() throws Exception {
        ha = HaCluster.start(dir, "shell(/bin/true)", 3);
        int first = ha.awaitOneActive(Duration.ofSeconds(30));

        ha.shutdownNameNode(first);
        await().atMost(Duration.ofSeconds(15)).until(() -> ha.activeIndexes().size() == 1);
        int second = ha.activeIndexes().get(0);
        assertThat(second).isNotEqualTo(first);

        ha.shutdownNameNode(second);
        await().atMost(Duration.ofSeconds(15)).until(() -> ha.activeIndexes().size() == 1);
        List<Integer> last = ha.activeIndexes();
        assertThat(last).doesNotContain(first, second).hasSize(1);
        assertThat(ha.controller(last.get(0)).controller().state()).isEqualTo(ControllerState.ACTIVE);
    }
}
