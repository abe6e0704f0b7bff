package io.qjmkit.journalnode.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Every disk operation the journal storage makes, behind one seam so tests can inject faults
 * (a failing fsync, a full disk) deterministically. Implementations must make {@link #rename}
 * atomic and replace an existing target.
 */
public interface Disk {
    /** Opens (creating it when {@code write}) a file for positional reads and, when asked, writes. */
    FileChannel open(Path file, boolean write) throws IOException;

    /** Writes all of {@code src} at {@code position}. */
    void write(FileChannel channel, ByteBuffer src, long position) throws IOException;

    /** Flushes the file's data (and its metadata when {@code metadata}) to stable storage. */
    void force(FileChannel channel, boolean metadata) throws IOException;

    void truncate(FileChannel channel, long size) throws IOException;

    /** Atomically renames {@code from} to {@code to}, replacing {@code to}. */
    void rename(Path from, Path to) throws IOException;

    /** Deletes a file or an empty directory if it exists. */
    void delete(Path file) throws IOException;

    /** Makes the entries of {@code dir} (new files, renames, deletions) durable. */
    void syncDirectory(Path dir) throws IOException;

    void createDirectories(Path dir) throws IOException;
}
