package io.qjmkit.journalnode.journal;

import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.journalnode.storage.PaxosRecord;
import io.qjmkit.journalnode.storage.SegmentFile;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment-level rules of a journal that are not the write path: Paxos prepare/accept of an
 * unfinished segment, what a new segment may replace, purge, discard and installing segments
 * copied from peers. Called by {@link Journal} under its lock.
 */
final class SegmentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);

    private final String journalId;
    private final JournalStorage storage;
    private final EpochFence fence;
    private final SegmentFetcher fetcher;
    private final JournalMetrics metrics;

    SegmentRecovery(
            String journalId,
            JournalStorage storage,
            EpochFence fence,
            SegmentFetcher fetcher,
            JournalMetrics metrics) {
        this.journalId = journalId;
        this.storage = storage;
        this.fence = fence;
        this.fetcher = fetcher;
        this.metrics = metrics;
    }

    /** The newest segment holding a transaction; an empty in-progress newest one is moved aside. */
    SegmentFile newestNonEmpty() throws IOException {
        while (!storage.segments().isEmpty()) {
            SegmentFile s = storage.segments().lastEntry().getValue();
            if (!(s.isInProgress() && s.isEmpty())) {
                return s;
            }
            LOG.info("[{}] newest segment {} holds no transaction; moving it aside as .empty", journalId, s);
            storage.moveAside(s, "empty");
        }
        return null;
    }

    SegmentFile newestInProgress() {
        for (SegmentFile s : storage.segments().descendingMap().values()) {
            if (s.isInProgress()) {
                return s;
            }
        }
        return null;
    }

    /** Last txid held in any segment (0 when none). */
    long lastTxId() {
        long last = 0;
        for (SegmentFile s : storage.segments().values()) {
            last = Math.max(last, s.lastTxId());
        }
        return last;
    }

    /**
     * Makes room for a segment at {@code txId} started in {@code epoch}: replaces an empty or
     * older-epoch in-progress copy at the same start, finalizes a previous segment of the same
     * writer whose finalize this node missed, and moves aside overlapping stale in-progress
     * segments of older writers.
     */
    void clearForNewSegment(long epoch, long txId) throws IOException {
        SegmentFile existing = storage.segments().get(txId);
        if (existing != null) {
            if (!existing.isInProgress()) {
                throw new JournalException(
                        ErrorCode.INVALID,
                        "journal " + journalId + ": cannot start segment " + txId + " in epoch " + epoch
                                + ": finalized segment " + existing.info() + " already starts there");
            }
            if (!existing.isEmpty() && fence.writer() >= epoch) {
                throw new JournalException(
                        ErrorCode.INVALID,
                        "journal " + journalId + ": cannot start segment " + txId + " in epoch " + epoch
                                + ": in-progress segment " + existing.info() + " of the same writer epoch "
                                + fence.writer() + " already holds transactions");
            }
            if (existing.isEmpty()) {
                storage.delete(existing);
            } else {
                LOG.warn(
                        "[{}] replacing {} of older writer epoch {} with a new segment of epoch {}",
                        journalId,
                        existing,
                        fence.writer(),
                        epoch);
                storage.moveAside(existing, "stale");
            }
        }
        for (SegmentFile s : List.copyOf(storage.segments().headMap(txId).values())) {
            if (!s.isInProgress()) {
                continue;
            }
            if (fence.writer() == epoch && s.lastTxId() == txId - 1) {
                LOG.info("[{}] finalizing {}: its writer (epoch {}) moved on to segment {}", journalId, s, epoch, txId);
                storage.finalizeSegment(s);
            } else if (fence.writer() < epoch) {
                // Epoch `epoch` recovered before starting txId: everything below it is decided and
                // finalized on a majority. This copy, left by an older writer, may hold other ops.
                LOG.warn(
                        "[{}] moving aside {} of older writer epoch {}: epoch {} starts segment {}",
                        journalId,
                        s,
                        fence.writer(),
                        epoch,
                        txId);
                storage.moveAside(s, "stale");
            }
        }
    }

    /**
     * Whether in-progress {@code seg} holds what epoch {@code epoch} decided for it: it is the newest
     * segment and that epoch's writer started it here, or that epoch accepted it in recovery.
     */
    boolean decidedIn(long epoch, SegmentFile seg) throws IOException {
        PaxosRecord accepted = storage.readPaxos(seg.startTxId());
        if (accepted != null) {
            return accepted.acceptedInEpoch() == epoch && accepted.segment().endTxId() == seg.lastTxId();
        }
        return fence.writer() == epoch && storage.segments().lastKey() == seg.startTxId();
    }

    SegmentFile reopen(SegmentFile seg) throws IOException {
        SegmentFile fresh = storage.reopen(seg);
        if (fresh == null) {
            throw new JournalException(
                    ErrorCode.CORRUPT,
                    "journal " + journalId + ": segment " + seg.path() + " could not be reopened after a failed"
                            + " write; it was moved aside, the JournalNode rejoins at the next segment");
        }
        return fresh;
    }

    Responses.Prepared prepare(long segmentTxId) throws IOException {
        PaxosRecord accepted = storage.readPaxos(segmentTxId);
        SegmentFile seg = storage.segments().get(segmentTxId);
        SegmentInfo local = seg == null || (seg.isInProgress() && seg.isEmpty()) ? null : seg.info();
        Responses.Prepared answer;
        if (accepted != null && (local == null || local.inProgress())) {
            long localEnd = local == null ? segmentTxId - 1 : local.endTxId();
            if (localEnd != accepted.segment().endTxId()) {
                LOG.warn("[{}] accept record says {} but the local copy is {}", journalId, accepted.segment(), local);
            }
            answer = new Responses.Prepared(
                    accepted.segment(), accepted.acceptedInEpoch(), fence.writer(), fence.committed());
        } else {
            answer = new Responses.Prepared(local, 0, fence.writer(), fence.committed());
        }
        LOG.info(
                "[{}] prepared recovery of segment {} in epoch {}: {}",
                journalId,
                segmentTxId,
                fence.promised(),
                answer);
        return answer;
    }

    void accept(long epoch, SegmentInfo segment, String source, long sourceEpoch) throws IOException {
        long start = segment.startTxId();
        PaxosRecord old = storage.readPaxos(start);
        if (old != null && old.acceptedInEpoch() > epoch) {
            throw new JournalException(
                    ErrorCode.EPOCH_FENCED,
                    "journal " + journalId + ": segment " + start + " was already accepted in epoch "
                            + old.acceptedInEpoch() + ", above request epoch " + epoch,
                    old.acceptedInEpoch());
        }
        SegmentFile local = storage.segments().get(start);
        long committed = fence.committed();
        if (local != null && local.info().contains(committed) && !segment.contains(committed)) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": accepting " + segment + " in epoch " + epoch + " would discard"
                            + " committed txid " + committed + " held in local " + local.info());
        }
        if (segment.isEmpty()) {
            if (local != null) {
                refuseFinalized(local, segment, epoch);
                LOG.info(
                        "[{}] recovery in epoch {} chose no transactions for segment {}; removing {}",
                        journalId,
                        epoch,
                        start,
                        local);
                storage.delete(local);
            }
        } else if (local == null || !sameCopy(local, old, segment, sourceEpoch)) {
            if (local != null) {
                refuseFinalized(local, segment, epoch);
            }
            LOG.info(
                    "[{}] syncing {} (of epoch {}) from {} for recovery in epoch {} (local copy: {} of epoch {})",
                    journalId,
                    segment,
                    sourceEpoch,
                    source,
                    epoch,
                    local == null ? "none" : local.info(),
                    local == null ? "-" : versionOf(local, old));
            Path fetched = fetcher.fetch(journalId, segment, source, storage.syncDir());
            metrics.segmentFetched(journalId, Files.size(fetched));
            storage.install(fetched, new SegmentInfo(start, segment.endTxId(), true));
        } else {
            LOG.info("[{}] local {} already matches {}; no download", journalId, local.info(), segment);
        }
        // The durable accept record is the commit point of phase 2: before it, the segment data
        // may have changed but this node has not accepted anything in this epoch.
        storage.writePaxos(new PaxosRecord(segment, epoch));
        LOG.info("[{}] accepted {} in epoch {}", journalId, segment, epoch);
    }

    /**
     * Whether {@code local} already is the chosen copy: a finalized copy of the same range is (a
     * finalized segment never changes); an in-progress one must also date from the same epoch,
     * because copies of equal length from different epochs may hold different ops (an unknown
     * source epoch matches nothing). A chosen finalized copy has no such date: its node's last
     * writer epoch says nothing about which writer's ops a recovery finalized there, so an
     * in-progress local copy is always replaced by it.
     */
    private boolean sameCopy(SegmentFile local, PaxosRecord accepted, SegmentInfo chosen, long sourceEpoch) {
        if (local.lastTxId() != chosen.endTxId()) {
            return false;
        }
        if (!local.isInProgress()) {
            return true;
        }
        return chosen.inProgress() && sourceEpoch > 0 && versionOf(local, accepted) == sourceEpoch;
    }

    /**
     * The epoch {@code local} dates from, as prepare reports it: the greater of its accept record's
     * epoch and the last writer epoch; -1 when the accept record describes another copy.
     */
    private long versionOf(SegmentFile local, PaxosRecord accepted) {
        if (accepted == null) {
            return fence.writer();
        }
        if (accepted.segment().endTxId() != local.lastTxId()) {
            return -1;
        }
        return Math.max(accepted.acceptedInEpoch(), fence.writer());
    }

    private void refuseFinalized(SegmentFile local, SegmentInfo segment, long epoch) throws JournalException {
        if (!local.isInProgress()) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": recovery in epoch " + epoch + " chose " + segment
                            + " but this JournalNode holds finalized " + local.info()
                            + " with other contents; finalized segments are never replaced");
        }
    }

    void purge(long minTxIdToKeep, SegmentFile writer) throws IOException {
        if (minTxIdToKeep > storage.readLong(JournalStorage.PURGED_BELOW_TXID, 0)) {
            storage.writeLongDurably(JournalStorage.PURGED_BELOW_TXID, minTxIdToKeep);
        }
        if (storage.segments().isEmpty()) {
            return;
        }
        long newest = storage.segments().lastKey();
        List<SegmentFile> doomed = new ArrayList<>();
        for (SegmentFile s : storage.segments().values()) {
            if (!s.isInProgress() && s.lastTxId() < minTxIdToKeep && s != writer && s.startTxId() != newest) {
                doomed.add(s);
            }
        }
        for (SegmentFile s : doomed) {
            LOG.info("[{}] purging {} (below txid {})", journalId, s, minTxIdToKeep);
            storage.delete(s);
        }
        storage.deletePaxosBelow(minTxIdToKeep);
    }

    void discard(long startTxId) throws IOException {
        List<SegmentFile> doomed = new ArrayList<>();
        for (SegmentFile s : storage.segments().values()) {
            if (s.startTxId() >= startTxId) {
                doomed.add(s);
            } else if (s.lastTxId() >= startTxId) {
                throw new JournalException(
                        ErrorCode.INVALID,
                        "journal " + journalId + ": cannot discard from txid " + startTxId + ": segment " + s.info()
                                + " contains it; discard only at a segment start");
            }
        }
        for (SegmentFile s : doomed) {
            LOG.info("[{}] discarding {} (from txid {})", journalId, s, startTxId);
            storage.delete(s);
        }
    }

    /** Installs a finalized segment from a peer when this node lacks it; never overwrites one. */
    boolean installMissingFinalized(Path verified, SegmentInfo segment, SegmentFile writer) throws IOException {
        SegmentFile existing = storage.segments().get(segment.startTxId());
        // An in-progress copy here is one whose finalize this node missed: the peer's finalized
        // copy is the recovered truth, unless a writer is appending to it right now.
        boolean conflict = existing != null && (!existing.isInProgress() || existing == writer);
        for (Map.Entry<Long, SegmentFile> e : storage.segments().entrySet()) {
            SegmentInfo i = e.getValue().info();
            boolean overlaps = i.startTxId() <= segment.endTxId() && i.endTxId() >= segment.startTxId();
            if (e.getValue() != existing && overlaps && !i.isEmpty()) {
                conflict = true;
            }
        }
        if (conflict) {
            Files.deleteIfExists(verified);
            return false;
        }
        storage.install(verified, segment);
        LOG.info("[{}] filled missing segment {} from a peer", journalId, segment);
        return true;
    }
}
