package io.qjmkit.bench.stats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wall-clock profile of chosen threads of this JVM, taken with async-profiler: every {@code
 * interval} each chosen thread's stack is sampled whether it runs, waits for a lock or sleeps in a
 * syscall, so the samples say where those threads' time goes, not only their CPU. Threads join with
 * {@link #add} (from any thread, once they run). The stacks are kept in collapsed form, one
 * "{@code frame;frame;... count}" line per distinct stack (what flame graph tools read), gzipped
 * into the file given at the start plus {@code .gz}.
 */
public final class WallProfile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WallProfile.class);

    private final AsyncProfiler profiler;
    private final Path collapsed;
    private boolean running = true;

    private WallProfile(AsyncProfiler profiler, Path collapsed) {
        this.profiler = profiler;
        this.collapsed = collapsed;
    }

    /** Starts sampling; until threads are {@linkplain #add added} nothing is recorded. */
    public static WallProfile start(Path collapsed, Duration interval) throws IOException {
        AsyncProfiler profiler;
        try {
            profiler = AsyncProfiler.getInstance();
        } catch (LinkageError | IllegalStateException e) {
            throw new IOException(
                    "async-profiler cannot load its native library here (" + e
                            + "): it needs Linux or macOS on x64 or arm64; run without --profile",
                    e);
        }
        Files.createDirectories(collapsed.toAbsolutePath().getParent());
        profiler.execute("start,event=wall,filter,interval=" + interval.toNanos());
        LOG.info("wall-clock profile started, every {} µs, into {}", interval.toNanos() / 1000, collapsed);
        return new WallProfile(profiler, collapsed);
    }

    /** Samples {@code thread} from now on; it must have started. */
    public void add(Thread thread) {
        profiler.addThread(thread);
    }

    /** Samples taken so far. */
    public long samples() {
        return profiler.dumpCollapsed(Counter.SAMPLES)
                .lines()
                .filter(l -> !l.isBlank())
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Stops sampling and returns the collapsed stacks (also left, gzipped, beside the file). */
    public List<String> stop() throws IOException {
        close();
        List<String> lines = Files.readAllLines(collapsed, StandardCharsets.UTF_8);
        Path gz = collapsed.resolveSibling(collapsed.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(collapsed, out);
        }
        Files.delete(collapsed);
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (running) {
            running = false;
            profiler.execute("stop,collapsed,file=" + collapsed.toAbsolutePath());
        }
    }
}
