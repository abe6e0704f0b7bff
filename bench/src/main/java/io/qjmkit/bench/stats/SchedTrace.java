package io.qjmkit.bench.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording of every CPU's scheduling ({@code perf sched record}, timestamps on the monotonic
 * clock so they compare with {@link System#nanoTime}) over one stretch of a benchmark, to tell
 * afterwards which threads waited for a CPU during a given sample. Needs {@code perf} (Debian:
 * {@code linux-perf}) and the rights to trace scheduler events (root, or {@code
 * kernel.perf_event_paranoid} at most 1).
 */
public final class SchedTrace implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedTrace.class);
    private static final long READY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Path data;
    private final Process perf;

    private SchedTrace(Path data, Process perf) {
        this.data = data;
        this.perf = perf;
    }

    /** Starts recording into {@code data}; returns once perf has begun writing it. */
    public static SchedTrace start(Path data) throws IOException, InterruptedException {
        Files.createDirectories(data.getParent());
        Files.deleteIfExists(data);
        Path log = data.resolveSibling(data.getFileName() + ".log");
        Process p = new ProcessBuilder("perf", "sched", "record", "-k", "CLOCK_MONOTONIC", "-o", data.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + READY_NANOS;
        // perf writes its header once the events are set up on every CPU.
        while (!(Files.exists(data) && Files.size(data) > 0)) {
            if (!p.isAlive()) {
                throw new IOException("perf sched record exited with " + p.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8).strip()
                        + " (install linux-perf; tracing scheduler events needs root or"
                        + " kernel.perf_event_paranoid <= 1)");
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("perf sched record did not start writing " + data + " within 10 s");
            }
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
        LOG.info("recording the scheduler into {}", data);
        return new SchedTrace(data, p);
    }

    /** Stops the recording (perf finishes its file on SIGTERM) and reads it back as a timeline. */
    public SchedTimeline stop() throws IOException, InterruptedException {
        close();
        Process p = new ProcessBuilder("perf", "sched", "timehist", "-i", data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("perf sched timehist -i " + data + " exited with " + p.exitValue());
        }
        return SchedTimeline.parse(lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (perf.isAlive()) {
            perf.destroy();
            if (!perf.waitFor(30, TimeUnit.SECONDS)) {
                perf.destroyForcibly();
            }
        }
    }
}
