package io.qjmkit.fencing.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * Logs a fence command's output lines at INFO with a prefix, up to a bound of lines and characters
 * per line; beyond the bound lines are counted, not logged. Feed it line by line ({@link #line}) or
 * as an {@link OutputStream} ({@link #asOutputStream}); call {@link #finish} once the command is
 * over.
 */
public final class BoundedLineLog {
    private final Logger log;
    private final String prefix;
    private final int maxLines;
    private final int maxLineChars;
    private int logged;
    private long dropped;

    public BoundedLineLog(Logger log, String prefix, int maxLines, int maxLineChars) {
        this.log = log;
        this.prefix = prefix;
        this.maxLines = maxLines;
        this.maxLineChars = maxLineChars;
    }

    /** Logs one line, or counts it when the bound is reached. */
    public synchronized void line(String line) {
        if (logged >= maxLines) {
            dropped++;
            return;
        }
        logged++;
        String shown = line.length() > maxLineChars ? line.substring(0, maxLineChars) + "..." : line;
        log.info("{} {}", prefix, shown);
    }

    /** Reads {@code in} to its end, logging each line; returns at end of stream. */

    /** An output stream that logs each complete line written to it (a final partial line on close). */
    public OutputStream asOutputStream() {
        return new LineSplitter();
    }

    /** Logs how many lines were dropped, if any. */
    public synchronized void finish() {
        if (dropped > 0) {
            log.info("{} ... {} more lines not logged", prefix, dropped);
            dropped = 0;
        }
    }

    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else if (current.size() <= maxLineChars * 4) {
                current.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void close() {
            if (current.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String text = current.toString(StandardCharsets.UTF_8);
            current.reset();
            line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }
    }
}
