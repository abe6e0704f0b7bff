package io.qjmkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchMainTest {
    @Test
    void headerOfAFailoverOnlyRunSaysTheRepeatedScenariosDidNotRun() {
        String header = BenchMain.context(BenchOptions.parse(List.of("--quick", "--dist", "/d", "--failover-only")));
        assertThat(header)
                .contains("quick mode")
                .contains("Journal and NameNode scenarios: not run (--failover-only)")
                .doesNotContain("repetitions per implementation")
                .doesNotContain("3 JournalNodes per side")
                .doesNotContain("Failover scenarios: not run");
    }

    @Test
    void headerOfAJournalOnlyRunNamesItsRepetitionsAndTheSkippedFailover() {
        String header = BenchMain.context(BenchOptions.parse(List.of("--dist", "/d", "--reps", "3", "--journal-only")));
        assertThat(header)
                .contains("full mode")
                .contains("3 repetitions per implementation")
                .contains("3 JournalNodes per side")
                .contains("Failover scenarios: not run");
    }
}
