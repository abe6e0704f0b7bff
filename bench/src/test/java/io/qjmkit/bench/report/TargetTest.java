package io.qjmkit.bench.report;

import static io.qjmkit.bench.report.JsonLinesTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.bench.report.Measurement.FigureKey;
import io.qjmkit.bench.stats.Spread;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {
    private static final Target KILL = Target.allOf(Target.medianBelow(1000, "ms"), Target.maxAtMost(1500, "ms", null));

    private static Spread rounds(Double... ms) {
        return Spread.of(List.of(ms));
    }

    @Test
    void medianAndMaxTargetNeedsBothOverTheRounds() {
        assertThat(KILL.text()).isEqualTo("median < 1000 ms, max <= 1500 ms");
        assertThat(KILL.isMet(Double.NaN, rounds(400.0, 420.0, 1400.0), true)).isTrue();
        // the slowest round breaks the max even though the median is fine
        assertThat(KILL.isMet(Double.NaN, rounds(400.0, 420.0, 1600.0), true)).isFalse();
        // a median of exactly the bound is not below it
        assertThat(KILL.isMet(Double.NaN, rounds(1000.0, 1000.0, 1000.0), true)).isFalse();
        assertThat(KILL.isRatio()).isFalse();
    }

    @Test
    void medianAtMostAcceptsTheBoundItself() {
        Target graceful = Target.allOf(Target.medianAtMost(300, "ms"), Target.maxAtMost(500, "ms", null));
        assertThat(graceful.isMet(Double.NaN, rounds(300.0, 200.0, 500.0), true))
                .isTrue();
        assertThat(graceful.isMet(Double.NaN, rounds(301.0, 310.0, 320.0), true))
                .isFalse();
    }

    @Test
    void maxTargetNamesWhereItsBoundComesFrom() {
        assertThat(Target.maxAtMost(3500, "ms", "ZK session timeout 3000 ms + 500")
                        .text())
                .isEqualTo("max <= 3500 ms (ZK session timeout 3000 ms + 500)");
    }

    @Test
    void combinedTargetWithARatioPartNeedsHadoop() {
        Target t = Target.allOf(Target.ratioAtMost(1.0), Target.medianAtMost(5, "ms"));
        assertThat(t.isRatio()).isTrue();
        assertThat(t.isMet(0.9, rounds(4.0), true)).isTrue();
        assertThat(t.isMet(1.1, rounds(4.0), true)).isFalse();
        assertThatThrownBy(() -> new Target(Target.Kind.ALL_OF, 0, "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absoluteTargetsAreJudgedWithoutHadoopAndForTheZooKeeperClientSide() {
        FigureKey key = new FigureKey("failover: SIGKILL", "kill → first write");
        List<Measurement> all = new ArrayList<>();
        for (double v : new double[] {400, 450, 1400}) {
            all.add(sample(Measurement.QJM_KIT, 1, key.scenario(), key.metric(), v));
        }
        for (double v : new double[] {300, 350, 1700}) {
            all.add(sample(Measurement.QJM_KIT_ZK_CLIENT, 1, key.scenario(), key.metric(), v));
        }
        Comparison.Row row = Comparison.rows(all, Map.of(key, KILL)::get).get(0);
        assertThat(row.hadoop()).isNull();
        assertThat(row.met()).contains(true);
        assertThat(row.zkClientMet()).contains(false);
        assertThat(row.ratio()).isNaN();

        String md = MarkdownTable.render(List.of(row));
        assertThat(md.lines().findFirst().orElseThrow()).contains("qjm-kit + zk client median (range)");
        assertThat(md).contains("| 450 (400–1400) ms |").contains("| 350 (300–1700) ms |");
        md.lines().forEach(l -> assertThat(l.chars().filter(c -> c == '|').count())
                .as(l)
                .isEqualTo(13));
    }
}
