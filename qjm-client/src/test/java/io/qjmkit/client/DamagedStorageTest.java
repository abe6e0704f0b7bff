package io.qjmkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JournalNode whose copy of a finalized segment was damaged on disk (a flipped bit, a truncated
 * file): readers still get every transaction from the other copies, the damaged copy is set aside,
 * and the node refills it from its peers without an operator.
 */
class DamagedStorageTest {
    @TempDir
    Path dir;

    private JournalHarness h;

    @BeforeEach
    void setUp() throws IOException {
        h = new JournalHarness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Path finalizedSegment(int node, long first, long last) {
        return h.cluster
                .storageDir(node, JournalHarness.JID)
                .resolve("current")
                .resolve(String.format("edits_%019d-%019d", first, last));
    }

    private static boolean hasCorruptCopy(Path current) throws IOException {
        try (Stream<Path> files = Files.list(current)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".corrupt"));
        }
    }

    private void damageAndRecover(int node, IoAction damage) throws Exception {
        QuorumJournal writer = h.formattedWriter();
        JournalHarness.writeSegment(writer, 1, 50);
        JournalHarness.writeSegment(writer, 51, 60);
        Path segment = finalizedSegment(node, 1, 50);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(segment));
        byte[] original = Files.readAllBytes(segment);

        h.cluster.stopNode(node);
        damage.apply(segment);
        h.cluster.restartNode(node);

        // Every transaction is still readable through the quorum.
        QuorumJournal reader = h.journal();
        assertThat(JournalHarness.readAll(reader, 1, false, true)).isEqualTo(JournalHarness.range(1, 60));

        // The damaged copy was set aside and the node refilled an identical one from a peer.
        assertThat(hasCorruptCopy(segment.getParent())).isTrue();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(segment) && java.util.Arrays.equals(Files.readAllBytes(segment), original));

        // The node keeps serving writes of the current writer. The segment is done once a majority
        // finalized it; this node's finalize (or, if it missed the segment, peer sync) may follow.
        JournalHarness.writeSegment(writer, 61, 70);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(finalizedSegment(node, 61, 70)));
    }

    @FunctionalInterface
    private interface IoAction {
        void apply(Path file) throws IOException;
    }

    @Test
    void flippedBitInAFinalizedSegmentIsSetAsideAndRefilledFromPeers() throws Exception {
        damageAndRecover(1, file -> {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                long pos = raf.length() / 2;
                raf.seek(pos);
                int b = raf.read();
                raf.seek(pos);
                raf.write(b ^ 0x10);
            }
        });
    }

    @Test
    void truncatedFinalizedSegmentIsSetAsideAndRefilledFromPeers() throws Exception {
        damageAndRecover(2, file -> {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(raf.length() - 37);
            }
        });
    }

    @Test
    void purgedSegmentsAreNotCopiedBackFromANodeThatMissedThePurge() throws Exception {
        QuorumJournal writer = h.formattedWriter();
        JournalHarness.writeSegment(writer, 1, 50);
        JournalHarness.writeSegment(writer, 51, 60);
        JournalHarness.writeSegment(writer, 61, 70);

        h.cluster.stopNode(2);
        writer.purgeLogsOlderThan(51);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(finalizedSegment(0, 1, 50)));
        h.cluster.restartNode(2);
        assertThat(finalizedSegment(2, 1, 50)).as("node 2 missed the purge").exists();

        // Node 0 loses a segment it should keep: sync refills that one from its peers...
        h.cluster.stopNode(0);
        Files.delete(finalizedSegment(0, 51, 60));
        h.cluster.restartNode(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(finalizedSegment(0, 51, 60)));
        // ...but never the segment it purged, although node 2 still offers it.
        assertThat(finalizedSegment(0, 1, 50)).doesNotExist();
    }
}
