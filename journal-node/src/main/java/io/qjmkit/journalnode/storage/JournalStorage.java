package io.qjmkit.journalnode.storage;

import io.qjmkit.protocol.edits.ScanResult;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of one journal, {@code <editsDir>/<journalId>/current/}, in Hadoop's layout: the
 * VERSION file, the epoch and commit-point files, the segment files and the Paxos accept records.
 * Mutations are made by the journal's single writer; the segment map may be read concurrently.
 */
public final class JournalStorage implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStorage.class);

    public static final String VERSION = "VERSION";
    public static final String LAST_PROMISED_EPOCH = "last-promised-epoch";
    public static final String LAST_WRITER_EPOCH = "last-writer-epoch";
    public static final String COMMITTED_TXID = "committed-txid";
    /** Segments ending below this txid were purged on purpose; peer sync must not copy them back. */
    public static final String PURGED_BELOW_TXID = "purged-below-txid";

    private final Disk disk;
    private final MetaFiles meta;
    private final String journalId;
    private final Path journalDir;
    private final Path current;
    private final Path paxos;
    private final NavigableMap<Long, SegmentFile> segments = new ConcurrentSkipListMap<>();
    private volatile NamespaceMeta namespace;

    public JournalStorage(Disk disk, Path editsDir, String journalId) {
        this.disk = disk;
        this.meta = new MetaFiles(disk);
        this.journalId = journalId;
        this.journalDir = editsDir.resolve(journalId);
        this.current = journalDir.resolve("current");
        this.paxos = current.resolve("paxos");
    }

    public Path journalDir() {
        return journalDir;
    }

    public Path currentDir() {
        return current;
    }

    public Disk disk() {
        return disk;
    }

    /** Reads VERSION and opens every segment, repairing a torn tail and moving corrupt files aside. */
    public void load() throws IOException {
        Properties version = MetaFiles.readProperties(current.resolve(VERSION));
        namespace = version == null ? null : NamespaceVersion.fromProperties(version, current.resolve(VERSION));
        if (namespace == null) {
            return;
        }
        // Copies that were being fetched when the node stopped are incomplete by definition.
        deleteTree(current.resolve("edits.sync"));
        List<Path> files;
        try (Stream<Path> s = Files.list(current)) {
            files = s.sorted().toList();
        }
        for (Path file : files) {
            SegmentName name = SegmentName.parse(file.getFileName().toString());
            if (name != null) {
                openExisting(file, name);
            }
        }
        LOG.info("[{}] loaded {}: {} segment(s), {}", journalId, current, segments.size(), namespace);
    }

    private void openExisting(Path file, SegmentName name) throws IOException {
        SegmentFile.Opened opened = SegmentFile.open(disk, file, name.startTxId(), name.isInProgress());
        SegmentFile seg = opened.segment();
        if (seg == null) {
            LOG.warn("[{}] segment {} has no valid header; moving it aside as .empty", journalId, file);
            disk.rename(file, file.resolveSibling(file.getFileName() + ".empty"));
            return;
        }
        SegmentScanner.Outcome scan = opened.scan();
        if (name.isInProgress()) {
            if (scan.end() == ScanResult.End.TORN) {
                LOG.warn(
                        "[{}] {}: torn write after txid {} ({}); truncating to byte {}",
                        journalId,
                        file,
                        scan.lastTxId(),
                        scan.problem(),
                        scan.validEnd());
                seg.truncateToValidEnd();
            } else if (scan.end() == ScanResult.End.CORRUPT) {
                LOG.error(
                        "[{}] {}: corrupt op after txid {} ({}); truncating to byte {}; peers hold the rest",
                        journalId,
                        file,
                        scan.lastTxId(),
                        scan.problem(),
                        scan.validEnd());
                seg.truncateToValidEnd();
            }
        } else if (!scan.intact() || scan.lastTxId() != name.endTxId()) {
            seg.close();
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            LOG.error(
                    "[{}] finalized segment {} is damaged after txid {} ({}, expected end {}); moved aside to {},"
                            + " peer sync will refill it",
                    journalId,
                    file,
                    scan.lastTxId(),
                    scan.problem().isEmpty() ? "ends early" : scan.problem(),
                    name.endTxId(),
                    aside.getFileName());
            disk.rename(file, aside);
            disk.syncDirectory(current);
            return;
        }
        segments.put(name.startTxId(), seg);
    }

    public boolean isFormatted() {
        return namespace != null;
    }

    public NamespaceMeta namespace() {
        return namespace;
    }

    /** Wipes everything this journal holds and records {@code ns}. */
    public void format(NamespaceMeta ns) throws IOException {
        closeSegments();
        deleteTree(journalDir);
        disk.createDirectories(current);
        disk.syncDirectory(journalDir.getParent());
        meta.writeProperties(current.resolve(VERSION), NamespaceVersion.toProperties(ns));
        namespace = ns;
        LOG.info("[{}] formatted {} for {}", journalId, current, ns);
    }

    /** Rewrites VERSION (upgrade / rollback change the cTime and layout). */
    public void writeNamespace(NamespaceMeta ns) throws IOException {
        meta.writeProperties(current.resolve(VERSION), NamespaceVersion.toProperties(ns));
        namespace = ns;
    }

    public long readLong(String name, long missing) throws IOException {
        return MetaFiles.readLong(current.resolve(name), missing);
    }

    /** A value written with {@link #writeLongLazily}; damage from a crash reads as {@code missing}. */
    public long readLongHint(String name, long missing) throws IOException {
        return MetaFiles.readLongHint(current.resolve(name), missing);
    }

    public void writeLongDurably(String name, long value) throws IOException {
        meta.writeLong(current.resolve(name), value);
    }

    public void writeLongLazily(String name, long value) throws IOException {
        meta.writeLazily(current.resolve(name), (value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Segments by start txid, oldest first (live view). */
    public NavigableMap<Long, SegmentFile> segments() {
        return segments;
    }

    public SegmentFile createInProgress(long startTxId, int layoutVersion) throws IOException {
        Path file = current.resolve(SegmentName.inProgress(startTxId).fileName());
        SegmentFile s = SegmentFile.create(disk, file, startTxId, layoutVersion);
        segments.put(startTxId, s);
        return s;
    }

    /** Finalizes an in-progress segment at its durable end. */
    public void finalizeSegment(SegmentFile seg) throws IOException {
        Path target = current.resolve(
                SegmentName.finalized(seg.startTxId(), seg.lastTxId()).fileName());
        seg.finalizeTo(target);
    }

    /** Removes a segment from the journal, keeping its bytes as {@code <name>.<suffix>}. */
    public void moveAside(SegmentFile seg, String suffix) throws IOException {
        segments.remove(seg.startTxId(), seg);
        seg.close();
        seg.moveTo(seg.path().resolveSibling(seg.path().getFileName() + "." + suffix));
    }

    public void delete(SegmentFile seg) throws IOException {
        segments.remove(seg.startTxId(), seg);
        seg.close();
        disk.delete(seg.path());
    }

    /** A scratch directory for segments being fetched; its files are never mistaken for segments. */
    public Path syncDir() throws IOException {
        Path dir = current.resolve("edits.sync");
        disk.createDirectories(dir);
        return dir;
    }

    /**
     * Atomically installs a verified segment file as {@code info}, replacing an in-progress copy
     * at the same start (the caller has checked that this is allowed).
     */
    public SegmentFile install(Path verified, SegmentInfo info) throws IOException {
        SegmentName name = info.inProgress()
                ? SegmentName.inProgress(info.startTxId())
                : SegmentName.finalized(info.startTxId(), info.endTxId());
        SegmentFile old = segments.remove(info.startTxId());
        if (old != null) {
            old.close();
        }
        Path target = current.resolve(name.fileName());
        disk.rename(verified, target);
        if (old != null && !old.path().equals(target)) {
            disk.delete(old.path());
        }
        disk.syncDirectory(current);
        SegmentFile.Opened opened = SegmentFile.open(disk, target, info.startTxId(), info.inProgress());
        if (opened.segment() == null || opened.scan().lastTxId() != info.endTxId()) {
            throw new IOException("installed segment " + target + " does not hold " + info);
        }
        segments.put(info.startTxId(), opened.segment());
        return opened.segment();
    }

    public PaxosRecord readPaxos(long segmentTxId) throws IOException {
        Properties p = MetaFiles.readProperties(paxos.resolve(Long.toString(segmentTxId)));
        return p == null ? null : PaxosRecord.fromProperties(p);
    }

    public void writePaxos(PaxosRecord record) throws IOException {
        disk.createDirectories(paxos);
        meta.writeProperties(paxos.resolve(Long.toString(record.segment().startTxId())), record.toProperties());
    }

    /** Deletes the accept record of the segment starting at {@code segmentTxId}, if any. */
    public void deletePaxos(long segmentTxId) throws IOException {
        disk.delete(paxos.resolve(Long.toString(segmentTxId)));
    }

    /** Deletes the accept records of segments starting below {@code minTxId}. */
    public void deletePaxosBelow(long minTxId) throws IOException {
        if (!Files.isDirectory(paxos)) {
            return;
        }
        try (Stream<Path> s = Files.list(paxos)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("\\d+") && Long.parseLong(n) < minTxId) {
                    disk.delete(p);
                }
            }
        }
    }

    /**
     * Re-reads an in-progress segment from disk after a failed write and forces its valid prefix,
     * dropping any unverified tail. Until that force succeeds the old view (bounded by what was
     * durable) stays in place, so nothing unforced ever becomes visible. Returns null when the
     * file has no valid header any more.
     */
    public SegmentFile reopen(SegmentFile seg) throws IOException {
        SegmentFile.Opened opened = SegmentFile.open(disk, seg.path(), seg.startTxId(), true);
        SegmentFile fresh = opened.segment();
        if (fresh == null) {
            return null;
        }
        try {
            fresh.truncateToValidEnd();
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        if (fresh.lastTxId() != seg.lastTxId()) {
            LOG.info(
                    "[{}] reopened {}: {} txids written before the failure are now durable",
                    journalId,
                    fresh,
                    fresh.lastTxId() - seg.lastTxId());
        }
        segments.put(seg.startTxId(), fresh);
        seg.close();
        return fresh;
    }

    public void closeSegments() throws IOException {
        for (SegmentFile s : new ArrayList<>(segments.values())) {
            s.close();
        }
        segments.clear();
    }

    /** Deletes {@code dir} and everything below it. */
    public void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            disk.delete(p);
        }
    }

    @Override
    public void close() throws IOException {
        closeSegments();
    }
}
