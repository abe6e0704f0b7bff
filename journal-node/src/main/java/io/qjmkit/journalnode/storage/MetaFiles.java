package io.qjmkit.journalnode.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small metadata files (epochs, commit point, VERSION, Paxos records) written so that a crash
 * leaves either the old or the new content: temp file, fsync, atomic rename, fsync of the
 * directory.
 */
public final class MetaFiles {
    private static final Logger LOG = LoggerFactory.getLogger(MetaFiles.class);

    private final Disk disk;

    public MetaFiles(Disk disk) {
        this.disk = disk;
    }

    /** Replaces {@code file} with {@code content} durably. */
    public void writeDurably(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = disk.open(tmp, true)) {
            disk.truncate(ch, 0);
            disk.write(ch, ByteBuffer.wrap(content), 0);
            disk.force(ch, true);
        }
        disk.rename(tmp, file);
        disk.syncDirectory(file.getParent());
    }

    /** Replaces {@code file} without waiting for the disk (for hints that may be lost). */
    public void writeLazily(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = disk.open(tmp, true)) {
            disk.truncate(ch, 0);
            disk.write(ch, ByteBuffer.wrap(content), 0);
        }
        disk.rename(tmp, file);
    }

    /**
     * The decimal number in a file written {@link #writeLazily lazily}, or {@code missing} when
     * there is none or it is damaged: a crash after the rename but before the disk flushed the
     * content can leave such a file empty or torn, and it only ever held a hint.
     */
    public static long readLongHint(Path file, long missing) throws IOException {
        String text = readTrimmed(file);
        if (text == null) {
            return missing;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.warn("File {} holds '{}', not a number (a crash while it was replaced); using {}", file, text, missing);
            return missing;
        }
    }

    public void writeLong(Path file, long value) throws IOException {
        writeDurably(file, (value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The decimal number in {@code file}, or {@code missing} when there is no such file. */
    public static long readLong(Path file, long missing) throws IOException {
        String text = readTrimmed(file);
        if (text == null) {
            return missing;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("file " + file + " should hold a decimal number but holds '" + text
                    + "'; restore it from a peer JournalNode or remove the journal directory to resync");
        }
    }

    private static String readTrimmed(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public void writeProperties(Path file, Properties props) throws IOException {
        StringWriter out = new StringWriter();
        // Sorted and without the date comment, so equal content gives equal files.
        for (var e : new TreeMap<>(props).entrySet()) {
            out.append(String.valueOf(e.getKey()))
                    .append('=')
                    .append(String.valueOf(e.getValue()))
                    .append('\n');
        }
        writeDurably(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The properties in {@code file}, or null when it does not exist. */
    public static Properties readProperties(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
