package io.qjmkit.bench.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How long one thread of this JVM has been runnable but not running, waiting for a CPU, from the
 * Linux scheduler's per-thread statistics ({@code /proc/self/task/<tid>/schedstat}, second field,
 * nanoseconds since the thread started). Taking the difference over an interval says how much of
 * a latency in it was the thread waiting for a core rather than for the work it waits on.
 */
public final class RunQueueWait {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path CURRENT = Path.of("/proc/thread-self/schedstat");

    private final Path schedstat;

    private RunQueueWait(Path schedstat) {
        this.schedstat = schedstat;
    }

    /** The calling thread; each {@link #nanos()} reads the statistics of whichever thread calls it. */
    public static RunQueueWait callingThread() {
        return new RunQueueWait(CURRENT);
    }

    /**
     * The live thread of this JVM whose kernel name ({@code comm}, the first 15 characters of the
     * Java name) is {@code name}; empty when none, when several share that name (the figure would
     * be any one of theirs), or when the statistics are not readable here.
     */
    public static Optional<RunQueueWait> threadNamed(String name) {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        Path found = null;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.UTF_8)
                            .strip()
                            .equals(comm)) {
                        if (found != null) {
                            return Optional.empty();
                        }
                        found = task;
                    }
                } catch (IOException e) {
                    // the thread ended while we looked; keep looking
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(found).map(task -> new RunQueueWait(task.resolve("schedstat")));
    }

    /** Total run-queue wait so far, in nanoseconds; -1 when it cannot be read (thread gone, not Linux). */
    public long nanos() {
        try {
            return parseWait(Files.readString(schedstat, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The wait field of a {@code schedstat} line: "run-ns wait-ns timeslices". */
    static long parseWait(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException("not a schedstat line: '" + line.strip() + "'");
        }
        return Long.parseLong(fields[1]);
    }
}
