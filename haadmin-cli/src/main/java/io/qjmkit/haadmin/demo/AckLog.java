package io.qjmkit.haadmin.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo client's record of acknowledged writes, one line {@code <epoch-ms> <path>} per ack,
 * flushed at once so that a reader (the demo script) sees each ack while the writer runs.
 */
final class AckLog implements AutoCloseable {
    /** One acknowledged directory. */
    record Ack(long atMillis, String path) {
        static Ack parse(String line) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                throw new IllegalArgumentException("not an ack line '<epoch-ms> <path>': '" + line + "'");
            }
            return new Ack(Long.parseLong(line.substring(0, space)), line.substring(space + 1));
        }
    }

    /** The longest time between two consecutive acks, and where it was. */
    record Gap(long millis, long fromMillis, long toMillis) {}

    private final BufferedWriter writer;

    AckLog(Path file) throws IOException {
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    void record(Ack ack) throws IOException {
        writer.write(ack.atMillis() + " " + ack.path());
        writer.newLine();
        writer.flush();
    }

    static List<Ack> read(Path file) throws IOException {
        List<Ack> acks = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                acks.add(Ack.parse(line));
            }
        }
        return acks;
    }

    static Gap longestGap(List<Ack> acks) {
        Gap longest = new Gap(0, 0, 0);
        for (int i = 1; i < acks.size(); i++) {
            long from = acks.get(i - 1).atMillis();
            long to = acks.get(i).atMillis();
            if (to - from > longest.millis()) {
                longest = new Gap(to - from, from, to);
            }
        }
        return longest;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
