package io.qjmkit.journalnode.journal;

import static io.qjmkit.journalnode.TestEdits.LAYOUT;
import static io.qjmkit.journalnode.TestEdits.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.journalnode.TestEdits.Writer;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.storage.FaultyDisk;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk faults on the write path: nothing is acknowledged that is not durable, nothing acked is lost. */
class JournalFaultTest {
    @TempDir
    Path dir;

    private final FaultyDisk disk = new FaultyDisk();
    private Journal journal;

    private Journal open() throws IOException {
        Journal j = new Journal("j1", new JournalStorage(disk, dir, "j1"), JournalMetrics.NONE, SegmentFetcher.NONE);
        j.load();
        return j;
    }

    @AfterEach
    void close() throws IOException {
        journal.close();
    }

    @Test
    void failedFsyncIsNotAcknowledgedOrVisibleAndTheRetrySucceeds() throws IOException {
        journal = open();
        journal.format(NS, false);
        journal.newEpoch(NS, 1);
        Writer w = new Writer("j1", 1);
        journal.startSegment(w.info(), 1, LAYOUT);
        journal.journal(w.journal(1, 1, 3));

        disk.failForces(new IOException("Input/output error"));
        assertThatThrownBy(() -> journal.journal(w.journal(1, 4, 2))).hasMessageContaining("Input/output");
        assertThat(journal.manifest(0, true).segments()).containsExactly(new SegmentInfo(1, 3, true));
        assertThat(journal.readEdits(new Requests.ReadEdits("j1", 1, 1, 100, 1 << 20))
                        .lastTxId())
                .isEqualTo(3);
        // Still failing: the reopen must force before it acknowledges anything.
        assertThatThrownBy(() -> journal.journal(w.journal(1, 4, 2))).isInstanceOf(IOException.class);
        assertThat(journal.manifest(0, true).segments()).containsExactly(new SegmentInfo(1, 3, true));

        disk.heal();
        assertThat(journal.journal(w.journal(1, 4, 2)).lastTxId()).isEqualTo(5);
        journal.close();
        journal = open();
        assertThat(journal.manifest(0, true).segments()).containsExactly(new SegmentInfo(1, 5, true));
    }
}
