package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.LatencyRecorder;
import io.qjmkit.bench.stats.Percentiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The disk's floor for a journal flush: appends one small record to a preallocated file and
 * {@code force(false)} (fdatasync) it, as a JournalNode does per batch, in the same directory the
 * JournalNodes use. No journal can ack faster than this on this disk.
 */
public final class DiskFloorWorkload {
    private static final int PREALLOCATE = 16 << 20;

    private final Durations durations;

    public DiskFloorWorkload(Durations durations) {
        this.durations = durations;
    }

    public List<Figure> run(Path dir, int recordBytes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("fdatasync-floor.bin");
        LatencyRecorder rec = new LatencyRecorder();
        try (FileChannel ch = preallocated(file, PREALLOCATE)) {
            ByteBuffer record = ByteBuffer.allocate(recordBytes);
            long pos = 0;
            int warmup = Math.max(20, durations.diskSamples() / 10);
            for (int i = 0; i < warmup + durations.diskSamples(); i++) {
                record.clear();
                long t0 = System.nanoTime();
                ch.write(record, pos);
                ch.force(false);
                if (i >= warmup) {
                    rec.record(System.nanoTime() - t0);
                }
                pos = (pos + recordBytes) % (PREALLOCATE - recordBytes);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Percentiles p = rec.percentiles();
        return List.of(
                Figure.latencyMs("disk floor", "fdatasync p50", p.millisAt(50)),
                Figure.latencyMs("disk floor", "fdatasync p99", p.millisAt(99)));
    }

    /**
     * Opens {@code file} with {@code bytes} (a multiple of 1 MiB) of zeros written and forced, so
     * later small appends overwrite allocated blocks as a JournalNode's preallocated segment does.
     */
    static FileChannel preallocated(Path file, int bytes) throws IOException {
        FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (int off = 0; off < bytes; off += zeros.capacity()) {
            zeros.clear();
            ch.write(zeros, off);
        }
        ch.force(true);
        return ch;
    }
}
