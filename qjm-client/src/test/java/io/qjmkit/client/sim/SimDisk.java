package io.qjmkit.client.sim;

import io.qjmkit.journalnode.storage.Disk;
import io.qjmkit.journalnode.storage.NioDisk;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A {@link Disk} whose durability is simulated: files live in a real directory (the page cache,
 * never fsynced), and every write or truncation not yet forced is kept in an undo log. A power
 * cut, injected at a force when {@code powerCut} says so, makes every later call fail; {@link
 * #loseUnsynced} then keeps, per file, a random prefix of the unforced changes (the last kept
 * write possibly torn at any byte) and undoes the rest, which is what a crash can leave behind.
 * Directory operations (create, rename, delete) count as durable at once.
 */
final class SimDisk implements Disk {
    /**
     * Restores {@code [position, position + before.length)} to {@code before} and the size to
     * {@code sizeBefore}; {@code length} is how many bytes a write wrote.
     */
    private record Undo(long position, byte[] before, long sizeBefore, boolean isWrite, int length) {}

    private final BooleanSupplier powerCut;
    private final Map<FileChannel, Path> open = new IdentityHashMap<>();
    private final Map<Path, List<Undo>> unsynced = new LinkedHashMap<>();
    private boolean off;

    SimDisk(BooleanSupplier powerCut) {
        this.powerCut = powerCut;
    }

    private void checkOn() throws IOException {
        if (off) {
            throw new IOException("simulated power loss: the disk is gone");
        }
    }

    @Override
    public FileChannel open(Path file, boolean write) throws IOException {
        checkOn();
        FileChannel ch = NioDisk.INSTANCE.open(file, write);
        open.put(ch, file.toAbsolutePath().normalize());
        return ch;
    }

    @Override
    public void write(FileChannel channel, ByteBuffer src, long position) throws IOException {
        checkOn();
        int length = src.remaining();
        long size = channel.size();
        byte[] before = new byte[(int) Math.max(0, Math.min(size, position + length) - position)];
        channel.read(ByteBuffer.wrap(before), position);
        NioDisk.INSTANCE.write(channel, src, position);
        log(channel, new Undo(position, before, size, true, length));
    }

    @Override
    public void truncate(FileChannel channel, long size) throws IOException {
        checkOn();
        long old = channel.size();
        if (size < old) {
            byte[] cut = new byte[(int) (old - size)];
            channel.read(ByteBuffer.wrap(cut), size);
            log(channel, new Undo(size, cut, old, false, 0));
        }
        channel.truncate(size);
    }

    private void log(FileChannel channel, Undo undo) {
        unsynced.computeIfAbsent(open.get(channel), p -> new ArrayList<>()).add(undo);
    }

    @Override
    public void force(FileChannel channel, boolean metadata) throws IOException {
        checkOn();
        if (powerCut.getAsBoolean()) {
            off = true;
            throw new IOException("simulated power loss during fsync");
        }
        unsynced.remove(open.get(channel));
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        checkOn();
        NioDisk.INSTANCE.rename(from, to);
        List<Undo> pending = unsynced.remove(from.toAbsolutePath().normalize());
        if (pending != null) {
            unsynced.put(to.toAbsolutePath().normalize(), pending);
        }
        for (Map.Entry<FileChannel, Path> e : open.entrySet()) {
            if (e.getValue().equals(from.toAbsolutePath().normalize())) {
                e.setValue(to.toAbsolutePath().normalize());
            }
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        checkOn();
        NioDisk.INSTANCE.delete(file);
        unsynced.remove(file.toAbsolutePath().normalize());
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        checkOn();
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        checkOn();
        NioDisk.INSTANCE.createDirectories(dir);
    }

    /** True once a power cut happened. */
    boolean isOff() {
        return off;
    }

    /**
     * Cuts the power (if not already), closes every file, and leaves on disk what a crash could
     * have left: per file, a random number of its unforced changes survive, the next one torn.
     */
    void loseUnsynced(Random rnd) throws IOException {
        off = true;
        for (FileChannel ch : open.keySet()) {
            ch.close();
        }
        open.clear();
        for (Map.Entry<Path, List<Undo>> e : unsynced.entrySet()) {
            if (!Files.exists(e.getKey())) {
                continue;
            }
            List<Undo> changes = e.getValue();
            int kept = rnd.nextInt(changes.size() + 1);
            try (RandomAccessFile f = new RandomAccessFile(e.getKey().toFile(), "rw")) {
                for (int i = changes.size() - 1; i >= kept; i--) {
                    Undo u = changes.get(i);
                    int survives = i == kept && u.isWrite() ? rnd.nextInt(u.length() + 1) : 0;
                    undo(f, u, survives);
                }
            }
        }
        unsynced.clear();
    }

    /** Undoes {@code u} except its first {@code survives} bytes. */
    private static void undo(RandomAccessFile f, Undo u, int survives) throws IOException {
        long size = Math.max(u.sizeBefore(), u.position() + survives);
        if (f.length() > size) {
            f.setLength(size);
        }
        if (survives < u.before().length) {
            f.seek(u.position() + survives);
            f.write(u.before(), survives, u.before().length - survives);
        }
    }

    /** True when {@code file} has changes a crash could still undo. */
    boolean hasUnsynced(Path file) {
        return unsynced.containsKey(file.toAbsolutePath().normalize());
    }

    /** The bytes of {@code file} that are on stable storage now (forced or directory-durable). */
    byte[] durableContent(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        byte[] now = Files.readAllBytes(key);
        List<Undo> changes = unsynced.get(key);
        if (changes == null) {
            return now;
        }
        byte[] content = now;
        for (int i = changes.size() - 1; i >= 0; i--) {
            Undo u = changes.get(i);
            content = Arrays.copyOf(content, (int) u.sizeBefore());
            if (u.before().length > 0) {
                System.arraycopy(u.before(), 0, content, (int) u.position(), u.before().length);
            }
        }
        return content;
    }
}
