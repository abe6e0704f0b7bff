package io.qjmkit.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.bench.failover.FailoverPlan.Stint;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverPlanTest {

    @Test
    void alternatesTheSideOrderPerFamilyAndSharesAClusterBetweenConsecutiveFamilies() {
        List<Stint<String, String>> plan = FailoverPlan.of(List.of("Q", "H"), List.of("kill", "graceful", "host"));
        assertThat(plan)
                .containsExactly(
                        new Stint<>("Q", List.of("kill")),
                        new Stint<>("H", List.of("kill", "graceful")),
                        new Stint<>("Q", List.of("graceful", "host")),
                        new Stint<>("H", List.of("host")));
    }

    @Test
    void everySideRunsEveryFamilyExactlyOnceWithAThirdSide() {
        List<Stint<String, String>> plan = FailoverPlan.of(List.of("Q", "H", "Z"), List.of("kill", "graceful", "host"));
        for (String side : List.of("Q", "H", "Z")) {
            assertThat(plan.stream().filter(s -> s.side().equals(side)).flatMap(s -> s.families().stream()))
                    .as(side)
                    .containsExactly("kill", "graceful", "host");
        }
        assertThat(plan.get(0).side()).isEqualTo("Q");
        assertThat(plan.get(2)).isEqualTo(new Stint<>("Z", List.of("kill", "graceful")));
    }

    @Test
    void quickPlanRunsEveryFamilyOnOneClusterPerSide() {
        assertThat(FailoverPlan.grouped(List.of("Q", "H"), List.of("kill", "host")))
                .containsExactly(new Stint<>("Q", List.of("kill", "host")), new Stint<>("H", List.of("kill", "host")));
    }

    @Test
    void sidesGetTheSameZooKeeperSettingsAndOnlyTheirOwnDifference() {
        assertThat(FailoverSide.QJM_KIT.options().zkTickMs()).isEqualTo(FailoverPhase.ZK_TICK_MS);
        assertThat(FailoverSide.HADOOP.options().zkSessionTimeoutMs()).isEqualTo(FailoverPhase.ZK_SESSION_TIMEOUT_MS);
        assertThat(FailoverSide.HADOOP.options().isStockHadoop()).isTrue();
        assertThat(FailoverSide.QJM_KIT.options().isStockHadoop()).isFalse();
        FailoverSide zk = FailoverSide.zkClient("com.example.Provider");
        assertThat(zk.options().clientFailoverProxyProvider()).isEqualTo("com.example.Provider");
        assertThat(zk.options().isStockHadoop()).isFalse();
        assertThat(FailoverSide.QJM_KIT.options().clientFailoverProxyProvider())
                .endsWith("ConfiguredFailoverProxyProvider");
    }
}
