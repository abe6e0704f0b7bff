package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.LatencyRecorder;
import io.qjmkit.bench.stats.Percentiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The floor of a quorum flush when the three JournalNodes share one disk, as they do in this
 * benchmark: three threads each append one small record to their own preallocated file and
 * fdatasync it, all released at once; a round lasts until the second of them is done (a majority of
 * three). On a disk with a volatile write cache the flushes of the three files cannot all share one
 * cache flush, so this sits above the single-file {@link DiskFloorWorkload}; it includes waking the
 * three threads, as a JournalNode wakes on a request. Deployed JournalNodes have a disk each, and
 * their floor is the single-file one.
 */
public final class MajorityFloorWorkload {
    public static final String SCENARIO = "disk floor";
    public static final String METRIC = "majority of 3 fdatasyncs p50";
    private static final int NODES = 3;
    private static final int PREALLOCATE = 4 << 20;
    private static final long ROUND_TIMEOUT_SECONDS = 30;

    private final Durations durations;

    public MajorityFloorWorkload(Durations durations) {
        this.durations = durations;
    }

    public List<Figure> run(Path dir, int recordBytes) throws Exception {
        Files.createDirectories(dir);
        List<FileChannel> files = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] done = new long[NODES];
        AtomicReference<IOException> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(NODES + 1);
        CyclicBarrier end = new CyclicBarrier(NODES + 1);
        int rounds = durations.diskSamples() + Math.max(20, durations.diskSamples() / 10);
        try {
            for (int n = 0; n < NODES; n++) {
                files.add(DiskFloorWorkload.preallocated(dir.resolve("majority-floor-" + n + ".bin"), PREALLOCATE));
            }
            for (int n = 0; n < NODES; n++) {
                int node = n;
                Thread t = new Thread(
                        () -> appendRounds(files.get(node), recordBytes, rounds, start, end, done, node, failure));
                t.setName("majority-floor-" + n);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            LatencyRecorder rec = new LatencyRecorder();
            int warmup = rounds - durations.diskSamples();
            long[] sorted = new long[NODES];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                start.await(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                end.await(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                System.arraycopy(done, 0, sorted, 0, NODES);
                Arrays.sort(sorted);
                if (i >= warmup) {
                    rec.record(sorted[NODES / 2] - t0);
                }
            }
            Percentiles p = rec.percentiles();
            return List.of(Figure.latencyMs(SCENARIO, METRIC, p.millisAt(50)));
        } catch (BrokenBarrierException | TimeoutException e) {
            IOException cause = failure.get();
            throw cause != null ? cause : new IOException("majority floor: an fdatasync thread hung", e);
        } finally {
            start.reset();
            end.reset();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(ROUND_TIMEOUT_SECONDS));
            }
            for (FileChannel ch : files) {
                ch.close();
            }
            for (int n = 0; n < NODES; n++) {
                Files.deleteIfExists(dir.resolve("majority-floor-" + n + ".bin"));
            }
        }
    }

    private static void appendRounds(
            FileChannel ch,
            int recordBytes,
            int rounds,
            CyclicBarrier start,
            CyclicBarrier end,
            long[] done,
            int node,
            AtomicReference<IOException> failure) {
        ByteBuffer record = ByteBuffer.allocate(recordBytes);
        long pos = 0;
        try {
            for (int i = 0; i < rounds; i++) {
                start.await();
                record.clear();
                ch.write(record, pos);
                ch.force(false);
                done[node] = System.nanoTime();
                pos = (pos + recordBytes) % (PREALLOCATE - recordBytes);
                end.await();
            }
        } catch (IOException e) {
            failure.compareAndSet(null, e);
            start.reset();
            end.reset();
        } catch (InterruptedException | BrokenBarrierException e) {
            // the coordinator gave up; nothing more to do
        }
    }
}
