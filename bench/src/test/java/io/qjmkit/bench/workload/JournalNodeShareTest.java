package io.qjmkit.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class JournalNodeShareTest {
    @Test
    void aPhasesShareIsTheMeanOfWhatTheNodesAddedDuringIt() {
        var before = new JournalNodeShare.Totals(100, 100 * 500.0, 100, 100 * 400.0);
        // 300 more batches answered over the three nodes, 150 µs each, of which 100 µs fsync.
        var after = new JournalNodeShare.Totals(400, 100 * 500.0 + 300 * 150.0, 400, 100 * 400.0 + 300 * 100.0);

        List<Figure> f = after.since(before, "journal write, batch 1");

        assertThat(f).extracting(Figure::metric).containsExactly("JN service mean", "JN fsync mean");
        assertThat(f.get(0).value()).isCloseTo(0.150, offset(1e-9));
        assertThat(f.get(1).value()).isCloseTo(0.100, offset(1e-9));
        assertThat(f).allMatch(x -> x.unit().equals("ms") && x.lowerIsBetter());
    }
}
