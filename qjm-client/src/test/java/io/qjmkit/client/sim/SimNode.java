package io.qjmkit.client.sim;

import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.journalnode.journal.SegmentFetcher;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.server.JournalRegistry;
import io.qjmkit.journalnode.server.RequestHandlers;
import io.qjmkit.journalnode.storage.SegmentName;
import io.qjmkit.journalnode.sync.PeerProbe;
import io.qjmkit.protocol.edits.EditsHeader;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.Request;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One simulated JournalNode: the real journal code ({@link RequestHandlers} over a {@link
 * JournalRegistry}) on a {@link SimDisk}, without any transport. It can lose power (at a fault
 * injected into an fsync, or on the simulation's command) and restart from what its disk kept.
 */
final class SimNode {
    private final String address;
    private final Path dir;
    private final SegmentFetcher fetcher;
    private final Random rnd;
    private final BooleanSupplier powerCut;
    private SimDisk disk;
    private JournalRegistry registry;
    private RequestHandlers handlers;

    /** Node {@code index} in {@code dir}; {@code powerCut} is asked at every fsync, {@code rnd} decides what a crash keeps. */
    SimNode(int index, Path dir, SegmentFetcher fetcher, BooleanSupplier powerCut, Random rnd) {
        this.address = "sim-jn" + index + ":8485";
        this.dir = dir;
        this.fetcher = fetcher;
        this.powerCut = powerCut;
        this.rnd = rnd;
    }

    String address() {
        return address;
    }

    boolean isUp() {
        return handlers != null;
    }

    /**
     * Starts (or restarts) the node on what its disk holds. A power cut while it loads (its repair
     * of a torn tail forces the disk) leaves it down again, with that repair partly lost.
     */
    void start() throws IOException {
        SimDisk d = new SimDisk(powerCut);
        JournalRegistry r = new JournalRegistry(dir, d, JournalMetrics.NONE, fetcher);
        try {
            r.loadExisting();
        } catch (IOException e) {
            if (!d.isOff()) {
                throw e;
            }
            d.loseUnsynced(rnd);
            r.close();
            return;
        }
        disk = d;
        registry = r;
        handlers = new RequestHandlers(r, PeerProbe.NONE);
    }

    /** Serves one request; a power cut during it takes the node down (its answer is then an error). */
    Message answer(Request request) throws IOException {
        Message m = handlers.answer(request);
        if (disk.isOff()) {
            crash();
        }
        return m;
    }

    /** Loses power: unforced changes are partly kept, partly torn, partly lost. */
    void crash() throws IOException {
        SimDisk d = disk;
        JournalRegistry r = registry;
        handlers = null;
        registry = null;
        disk = null;
        d.loseUnsynced(rnd);
        r.close();
    }

    /** The journal {@code id} of this running node. */
    Journal journal(String id) throws IOException {
        if (!isUp()) {
            throw new IOException("connection refused by " + address + " (simulated: the node is down)");
        }
        JournalRegistry.Lane lane = registry.find(id);
        if (lane == null) {
            throw new JournalException(ErrorCode.NOT_FORMATTED, "journal " + id + " missing on " + address);
        }
        return lane.journal();
    }

    /** One copy of an op in one segment file of a node. */
    record Copy(byte[] bytes, boolean finalized) {}

    /**
     * Every op held in a segment file of journal {@code id} as it would survive a crash now, by
     * txid (each segment file read up to its first torn or invalid op or its padding).
     */
    Map<Long, List<Copy>> durableOps(String id) throws IOException {
        Map<Long, List<Copy>> ops = new TreeMap<>();
        Path current = dir.resolve(id).resolve("current");
        if (!Files.isDirectory(current)) {
            return ops;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(current)) {
            files = s.filter(p -> SegmentName.parse(p.getFileName().toString()) != null)
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            SegmentName name = SegmentName.parse(f.getFileName().toString());
            byte[] content = disk != null && disk.hasUnsynced(f) ? disk.durableContent(f) : readOps(f, name);
            if (content.length < EditsHeader.BYTES) {
                continue;
            }
            ByteBuffer buf = ByteBuffer.wrap(content);
            buf.position(EditsHeader.BYTES);
            OpFraming.scan(
                    buf, name.startTxId(), (txId, offset, length) -> ops.computeIfAbsent(txId, t -> new ArrayList<>())
                            .add(new Copy(Arrays.copyOfRange(content, offset, offset + length), !name.isInProgress())));
        }
        return ops;
    }

    /** The finalized segments of journal {@code id} on this node's disk. */
    List<SegmentName> finalizedSegments(String id) throws IOException {
        Path current = dir.resolve(id).resolve("current");
        if (!Files.isDirectory(current)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(current)) {
            return s.map(p -> SegmentName.parse(p.getFileName().toString()))
                    .filter(n -> n != null && !n.isInProgress())
                    .sorted(java.util.Comparator.comparingLong(SegmentName::startTxId))
                    .toList();
        }
    }

    /** The start of {@code f} up to the end of its ops, without reading all of its padding. */
    private static byte[] readOps(Path f, SegmentName name) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) Math.min(size, 16 * 1024);
            while (true) {
                ByteBuffer buf = ByteBuffer.allocate(n);
                while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                    // read on
                }
                buf.flip();
                if (n == size || n < EditsHeader.BYTES) {
                    return Arrays.copyOf(buf.array(), buf.limit());
                }
                buf.position(EditsHeader.BYTES);
                ScanResult.End end = OpFraming.scan(buf, name.startTxId(), null).end();
                if (end != ScanResult.End.CLEAN && end != ScanResult.End.TORN) {
                    return Arrays.copyOf(buf.array(), buf.limit());
                }
                n = (int) Math.min(size, 4L * n);
            }
        }
    }

    @Override
    public String toString() {
        return address + (isUp() ? "" : " (down)");
    }
}
