package io.qjmkit.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FailoverSideTest {
    private static final FailoverSide ZK = FailoverSide.zkClient("io.qjmkit.haclient.ZooKeeperFailoverProxyProvider");

    @Test
    void daemonSidesRunEveryScenarioInBothModes() {
        for (FailoverSide side : new FailoverSide[] {FailoverSide.QJM_KIT, FailoverSide.HADOOP}) {
            for (boolean quick : new boolean[] {true, false}) {
                assertThat(Arrays.stream(FailoverScenario.values()).allMatch(f -> side.runs(f, quick)))
                        .as(side.impl() + (quick ? " quick" : " full"))
                        .isTrue();
            }
        }
    }

    @Test
    void aClientOnlySideSkipsHostLossAndKeepsOnlyGracefulWhenQuick() {
        assertThat(Arrays.stream(FailoverScenario.values()).filter(f -> ZK.runs(f, false)))
                .containsExactly(FailoverScenario.SIGKILL, FailoverScenario.GRACEFUL);
        assertThat(Arrays.stream(FailoverScenario.values()).filter(f -> ZK.runs(f, true)))
                .containsExactly(FailoverScenario.GRACEFUL);
    }
}
