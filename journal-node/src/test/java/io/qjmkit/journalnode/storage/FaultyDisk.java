package io.qjmkit.journalnode.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A real disk whose writes or forces fail on demand, as a full or failing disk would. */
public final class FaultyDisk implements Disk {
    private volatile IOException writeFailure;
    private volatile IOException forceFailure;
    private volatile Path failOnlyUnder;
    private final java.util.Map<FileChannel, Path> paths =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Limits injected failures to files below {@code dir} (one journal of several). */
    public void onlyUnder(Path dir) {
        failOnlyUnder = dir;
    }

    private boolean targeted(FileChannel ch) {
        Path limit = failOnlyUnder;
        Path p = paths.get(ch);
        return limit == null || (p != null && p.startsWith(limit));
    }

    public void failWrites(IOException e) {
        writeFailure = e;
    }

    public void failForces(IOException e) {
        forceFailure = e;
    }

    public void heal() {
        writeFailure = null;
        forceFailure = null;
    }

    @Override
    public FileChannel open(Path file, boolean write) throws IOException {
        FileChannel ch = NioDisk.INSTANCE.open(file, write);
        paths.put(ch, file);
        return ch;
    }

    @Override
    public void write(FileChannel channel, ByteBuffer src, long position) throws IOException {
        IOException e = writeFailure;
        if (e != null && targeted(channel)) {
            throw e;
        }
        NioDisk.INSTANCE.write(channel, src, position);
    }

    @Override
    public void force(FileChannel channel, boolean metadata) throws IOException {
        IOException e = forceFailure;
        if (e != null && targeted(channel)) {
            throw e;
        }
        NioDisk.INSTANCE.force(channel, metadata);
    }

    @Override
    public void truncate(FileChannel channel, long size) throws IOException {
        NioDisk.INSTANCE.truncate(channel, size);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        NioDisk.INSTANCE.rename(from, to);
    }

    @Override
    public void delete(Path file) throws IOException {
        NioDisk.INSTANCE.delete(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        NioDisk.INSTANCE.syncDirectory(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        NioDisk.INSTANCE.createDirectories(dir);
    }
}
