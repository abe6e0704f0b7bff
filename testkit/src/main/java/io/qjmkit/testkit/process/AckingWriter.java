package io.qjmkit.testkit.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A client that keeps creating directories through the HA client on its own thread and records
 * every one acknowledged (mkdirs returned true) with its time. A failed call is retried with the
 * same path and is not recorded, so the record is exactly what the cluster promised to keep.
 */
public final class AckingWriter implements AutoCloseable {
    /**
     * One acknowledged directory, stamped with the wall clock (for logs) and {@link
     * System#nanoTime()} (for intervals).
     */
    public record Ack(String path, long atMillis, long atNanos) {}

    private final FileSystem fs;
    private final String dir;
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final AtomicLong failedCalls = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final Thread thread;

    /** Starts writing under {@code dir} at once. */
    public AckingWriter(FileSystem fs, String dir) {
        this.fs = fs;
        this.dir = dir;
        this.thread = new Thread(this::loop, "acking-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            for (long i = 0; !stop.get(); ) {
                String path = dir + "/d" + i;
                try {
                    if (fs.mkdirs(new Path(path))) {
                        acks.add(new Ack(path, System.currentTimeMillis(), System.nanoTime()));
                        i++;
                    }
                } catch (IOException e) {
                    failedCalls.incrementAndGet();
                    // The HA client already waited through its failover attempts; do not spin.
                    Thread.sleep(50);
                }
            }
        } catch (Throwable t) {
            fatal.set(t);
        }
    }

    public int count() {
        return acks.size();
    }

    public long failedCalls() {
        return failedCalls.get();
    }

    /** Waits until {@code more} further directories have been acknowledged. */
    public void awaitMore(int more, Duration timeout) {
        int target = count() + more;
        Poll.until(
                "writer acknowledged " + target + " directories (failed calls: " + failedCalls + ")",
                timeout,
                Duration.ofMillis(50),
                () -> {
                    if (fatal.get() != null) {
                        throw new AssertionError("writer died", fatal.get());
                    }
                    return count() >= target;
                });
    }

    /** The time of the first ack at or after {@code millis}, if any. */
    public OptionalLong firstAckAtOrAfter(long millis) {
        for (Ack a : acks) {
            if (a.atMillis() >= millis) {
                return OptionalLong.of(a.atMillis());
            }
        }
        return OptionalLong.empty();
    }

    /** The {@link System#nanoTime()} of the first ack at or after {@code nanos}, if any. */
    public OptionalLong firstAckAtOrAfterNanos(long nanos) {
        for (Ack a : acks) {
            if (a.atNanos() - nanos >= 0) {
                return OptionalLong.of(a.atNanos());
            }
        }
        return OptionalLong.empty();
    }

    /** The longest time between two consecutive acks so far, in nanoseconds. */
    public long longestGapNanos() {
        long longest = 0;
        List<Ack> snapshot = new ArrayList<>(acks);
        for (int i = 1; i < snapshot.size(); i++) {
            longest = Math.max(
                    longest, snapshot.get(i).atNanos() - snapshot.get(i - 1).atNanos());
        }
        return longest;
    }

    /** The longest time between two consecutive acks so far. */
    public long longestGapMillis() {
        long longest = 0;
        List<Ack> snapshot = new ArrayList<>(acks);
        for (int i = 1; i < snapshot.size(); i++) {
            longest = Math.max(
                    longest, snapshot.get(i).atMillis() - snapshot.get(i - 1).atMillis());
        }
        return longest;
    }

    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** Stops the writer and returns what it saw go wrong fatally (null when nothing did). */
    public Throwable stop() throws InterruptedException {
        stop.set(true);
        thread.join(Duration.ofMinutes(2).toMillis());
        if (thread.isAlive()) {
            return new AssertionError("writer did not stop within 2 minutes");
        }
        return fatal.get();
    }

    /** The acknowledged directories that {@code reader} does not list. */
    public List<String> missingIn(FileSystem reader) throws IOException {
        Set<String> present = new HashSet<>();
        for (FileStatus s : reader.listStatus(new Path(dir))) {
            present.add(s.getPath().toUri().getPath());
        }
        List<String> missing = new ArrayList<>();
        for (Ack a : acks) {
            if (!present.contains(a.path())) {
                missing.add(a.path());
            }
        }
        return missing;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
