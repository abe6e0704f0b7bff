package io.qjmkit.journalnode.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The real {@link Disk}: java.nio file channels on the local file system. */
public final class NioDisk implements Disk {
    public static final NioDisk INSTANCE = new NioDisk();

    private NioDisk() {}

    @Override
    public FileChannel open(Path file, boolean write) throws IOException {
        if (write) {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    @Override
    public void write(FileChannel channel, ByteBuffer src, long position) throws IOException {
        long pos = position;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    @Override
    public void force(FileChannel channel, boolean metadata) throws IOException {
        channel.force(metadata);
    }

    @Override
    public void truncate(FileChannel channel, long size) throws IOException {
        channel.truncate(size);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }
}
