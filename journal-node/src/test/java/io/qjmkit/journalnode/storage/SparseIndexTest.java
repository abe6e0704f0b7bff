package io.qjmkit.journalnode.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SparseIndexTest {
    @Test
    void aReadFromARecentBatchStartBeginsExactlyThere() {
        SparseIndex index = new SparseIndex();
        index.maybeAdd(1, 4);
        for (long tx = 1; tx <= 500; tx++) {
            index.addBatchStart(tx, 4 + (tx - 1) * 100);
        }
        assertThat(index.floor(500)).isEqualTo(Map.entry(500L, 4 + 499 * 100L));
        assertThat(index.floor(450)).isEqualTo(Map.entry(450L, 4 + 449 * 100L));
        assertThat(index.floor(100)).as("older batch starts are forgotten").isEqualTo(Map.entry(1L, 4L));
    }

    @Test
    void truncationForgetsBatchStartsPastTheNewEnd() {
        SparseIndex index = new SparseIndex();
        index.maybeAdd(1, 4);
        index.addBatchStart(1, 4);
        index.addBatchStart(10, 900);
        index.addBatchStart(20, 1900);
        index.truncateFrom(10);
        assertThat(index.floor(25)).isEqualTo(Map.entry(1L, 4L));
        index.addBatchStart(10, 950);
        assertThat(index.floor(12)).isEqualTo(Map.entry(10L, 950L));
    }
}
