package io.qjmkit.bench.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends measurements to {@code raw.jsonl} one line at a time, flushed after each, so an
 * interrupted run keeps everything measured so far.
 */
public final class RawLog implements AutoCloseable {
    private final BufferedWriter out;

    public RawLog(Path file) throws IOException {
        out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public void append(Measurement m) throws IOException {
        out.write(JsonLines.encode(m));
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
