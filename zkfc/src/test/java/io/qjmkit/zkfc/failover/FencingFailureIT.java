package io.qjmkit.zkfc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qjmkit.zkfc.testing.HaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a fence that always fails, a dead active is never replaced: no split brain risk taken. */
class FencingFailureIT {
    @TempDir
    Path base;

    private HaCluster ha;

    @BeforeEach
    void setUp() throws Exception {
        ha = HaCluster.start(base, "shell(/bin/false)");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ha != null) {
            ha.close();
        }
    }

    @Test
    void failedFencingOfDeadActiveMeansNoPromotion() {
        // The first active needs no fencing: there is no breadcrumb yet.
        int active = ha.awaitOneActive(Duration.ofSeconds(20));
        int other = 1 - active;
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ha.controller(other).controller().state() == ControllerState.ELECTION);

        ha.shutdownNameNode(active);

        Set<ControllerState> seen = EnumSet.noneOf(ControllerState.class);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> {
            seen.add(ha.controller(other).controller().state());
            return ha.isStandby(other);
        });
        assertThat(seen).doesNotContain(ControllerState.ACTIVE);
        // it did try (and backs off between tries)
        assertThat(seen).containsAnyOf(ControllerState.STANDBY, ControllerState.FENCING, ControllerState.ELECTION);
    }
}
