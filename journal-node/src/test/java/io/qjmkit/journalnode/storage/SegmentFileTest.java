package io.qjmkit.journalnode.storage;

import static io.qjmkit.journalnode.TestEdits.LAYOUT;
import static io.qjmkit.journalnode.TestEdits.NS;
import static io.qjmkit.journalnode.TestEdits.ops;
import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFileTest {
    @TempDir
    Path dir;

    private JournalStorage formatted() throws IOException {
        JournalStorage s = new JournalStorage(NioDisk.INSTANCE, dir, "j1");
        s.load();
        s.format(NS);
        return s;
    }

    private static void append(SegmentFile seg, long first, int count, int body) throws IOException {
        byte[] bytes = ops(first, count, body);
        List<Integer> offs = new ArrayList<>();
        OpFraming.scan(ByteBuffer.wrap(bytes), first, (tx, off, len) -> offs.add(off));
        seg.append(bytes, 0, offs.stream().mapToInt(i -> i).toArray(), 0, first, first + count - 1);
    }

    private static JournalStorage reload(Path dir) throws IOException {
        JournalStorage s = new JournalStorage(NioDisk.INSTANCE, dir, "j1");
        s.load();
        return s;
    }

    @Test
    void inProgressSegmentIsPreallocatedWithPaddingAndScannedBackAfterRestart() throws IOException {
        JournalStorage s = formatted();
        SegmentFile seg = s.createInProgress(1, LAYOUT);
        append(seg, 1, 10, 20);
        Path file = seg.path();
        assertThat(file.getFileName().toString()).isEqualTo("edits_inprogress_0000000000000000001");
        assertThat(Files.size(file)).isEqualTo(8 + SegmentFile.PREALLOCATION);
        byte[] raw = Files.readAllBytes(file);
        assertThat(raw[raw.length - 1]).isEqualTo(OpFraming.OP_INVALID);
        s.close();

        JournalStorage again = reload(dir);
        SegmentFile back = again.segments().get(1L);
        assertThat(back.info()).isEqualTo(new SegmentInfo(1, 10, true));
        again.close();
    }

    @Test
    void tornTailIsTruncatedOnLoad() throws IOException {
        JournalStorage s = formatted();
        SegmentFile seg = s.createInProgress(1, LAYOUT);
        append(seg, 1, 5, 0);
        long validEnd = seg.durableEnd();
        Path file = seg.path();
        s.close();
        // A crash in the middle of writing txid 6: only half of it reached the disk.
        byte[] half = java.util.Arrays.copyOf(ops(6, 1), 9);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(half), validEnd);
            ch.truncate(validEnd + half.length);
        }

        JournalStorage again = reload(dir);
        assertThat(again.segments().get(1L).lastTxId()).isEqualTo(5);
        assertThat(Files.size(file)).isEqualTo(validEnd);
        again.close();
    }

    @Test
    void finalizeTruncatesRenamesAndKeepsContent() throws IOException {
        JournalStorage s = formatted();
        SegmentFile seg = s.createInProgress(1, LAYOUT);
        append(seg, 1, 3, 0);
        s.finalizeSegment(seg);
        Path file = dir.resolve("j1/current/edits_0000000000000000001-0000000000000000003");
        assertThat(file).exists();
        assertThat(dir.resolve("j1/current/edits_inprogress_0000000000000000001"))
                .doesNotExist();
        byte[] raw = Files.readAllBytes(file);
        assertThat(raw).hasSize(8 + ops(1, 3).length);
        ScanResult scan = OpFraming.scan(ByteBuffer.wrap(raw).position(8), 1, null);
        assertThat(scan.end()).isEqualTo(ScanResult.End.CLEAN);
        assertThat(scan.lastTxId()).isEqualTo(3);
        assertThat(seg.info()).isEqualTo(new SegmentInfo(1, 3, false));
        s.close();
    }

    @Test
    void corruptOpInFinalizedSegmentMovesItAside() throws IOException {
        JournalStorage s = formatted();
        SegmentFile seg = s.createInProgress(1, LAYOUT);
        append(seg, 1, 10, 0);
        s.finalizeSegment(seg);
        Path file = seg.path();
        s.close();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x55}), 8 + 17 * 4 + 10); // inside txid 5
        }

        JournalStorage again = reload(dir);
        assertThat(again.segments()).isEmpty();
        assertThat(file.resolveSibling(file.getFileName() + ".corrupt")).exists();
        assertThat(file).doesNotExist();
        again.close();
    }

    @Test
    void readsServeWholeOpsFromAnyTxidWithinMaxBytes() throws IOException {
        JournalStorage s = formatted();
        SegmentFile seg = s.createInProgress(1, LAYOUT);
        // ~300 KiB of ops, so the sparse index has several entries.
        for (int b = 0; b < 30; b++) {
            append(seg, 1 + b * 100L, 100, 100);
        }
        SegmentFile.ReadChunk c = seg.read(1234, 3000, 10_000);
        assertThat(c.firstTxId()).isEqualTo(1234);
        ScanResult scan = OpFraming.scan(c.ops(), 1234);
        assertThat(scan.end()).isEqualTo(ScanResult.End.CLEAN);
        assertThat(scan.lastTxId()).isEqualTo(c.lastTxId());
        assertThat(c.ops().length).isLessThanOrEqualTo(10_000).isGreaterThan(9_000);

        SegmentFile.ReadChunk capped = seg.read(2990, 2995, 1 << 20);
        assertThat(capped.lastTxId()).isEqualTo(2995);
        SegmentFile.ReadChunk tail = seg.read(3000, Long.MAX_VALUE, 1);
        assertThat(tail.firstTxId()).isEqualTo(3000);
        assertThat(tail.lastTxId()).isEqualTo(3000);
        assertThat(seg.read(3001, Long.MAX_VALUE, 100).ops()).isEmpty();
        s.close();
    }
}
