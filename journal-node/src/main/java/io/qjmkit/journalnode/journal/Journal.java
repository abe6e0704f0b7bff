package io.qjmkit.journalnode.journal;

import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.status.JournalStatus;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.journalnode.storage.SegmentFile;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.RequestInfo;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One journal id on this JournalNode: epoch fencing, the open segment and its writes, and the
 * entry points of recovery, purge and upgrade. Mutations are serialized (the server runs them on
 * the journal's own thread; the lock only guards against other callers such as sync); reads of
 * edits and manifests run concurrently and only ever see durable bytes.
 */
public final class Journal implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** Lifecycle of a journal. */
    public enum State {
        /** Constructed, storage not read yet. */
        NEW,
        /** No namespace recorded: only format and is-formatted are served. */
        UNFORMATTED,
        /** Formatted, no segment open for appends. */
        READY,
        /** A segment is open for appends by the last writer. */
        WRITING,
        /** Closed; file handles released. */
        CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case NEW -> next == UNFORMATTED || next == READY || next == CLOSED;
                case UNFORMATTED -> next == READY || next == CLOSED;
                case READY -> next == WRITING || next == CLOSED;
                case WRITING -> next == READY || next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    private final String journalId;
    private final JournalStorage storage;
    private final EpochFence fence;
    private final JournalMetrics metrics;
    private final SegmentRecovery recovery;
    private final SegmentReader reader;
    private volatile State state = State.NEW;
    private SegmentFile writer;
    private boolean writerSuspect;

    public Journal(String journalId, JournalStorage storage, JournalMetrics metrics, SegmentFetcher fetcher) {
        this.journalId = journalId;
        this.storage = storage;
        this.fence = new EpochFence(journalId, storage);
        this.metrics = metrics;
        this.recovery = new SegmentRecovery(journalId, storage, fence, fetcher, metrics);
        this.reader = new SegmentReader(journalId, storage, metrics);
    }

    public String journalId() {
        return journalId;
    }

    public State state() {
        return state;
    }

    public JournalStorage storage() {
        return storage;
    }

    private void moveTo(State next, String reason) {
        State prev = state;
        if (prev == next) {
            return;
        }
        if (!prev.canMoveTo(next)) {
            throw new IllegalStateException(
                    "journal " + journalId + ": illegal state change " + prev + " -> " + next + " (" + reason + ")");
        }
        state = next;
        LOG.info("[{}] {} -> {}: {} (promised epoch {})", journalId, prev, next, reason, fence.promised());
    }

    /** Reads the journal's storage; a journal with no VERSION file becomes UNFORMATTED. */
    public synchronized void load() throws IOException {
        storage.load();
        if (storage.isFormatted()) {
            fence.load();
            moveTo(State.READY, "loaded " + storage.segments().size() + " segment(s)");
        } else {
            moveTo(State.UNFORMATTED, "no VERSION in " + storage.currentDir());
        }
    }

    public boolean isFormatted() {
        return storage.isFormatted();
    }

    public synchronized void format(NamespaceMeta ns, boolean force) throws IOException {
        checkOpen();
        if (storage.isFormatted() && !force) {
            if (!storage.segments().isEmpty() || fence.promised() > 0) {
                throw new JournalException(
                        ErrorCode.ALREADY_FORMATTED,
                        "journal " + journalId + " already holds " + storage.namespace() + " with "
                                + storage.segments().size() + " segment(s); format with force to wipe it");
            }
            checkNamespace(ns);
        }
        closeWriter("format");
        storage.format(ns);
        fence.load();
        if (state == State.UNFORMATTED) {
            moveTo(State.READY, "formatted for " + ns);
        }
    }

    public synchronized Responses.NewEpoch newEpoch(NamespaceMeta ns, long epoch) throws IOException {
        checkFormatted();
        checkNamespace(ns);
        if (epoch <= fence.promised()) {
            throw new JournalException(
                    ErrorCode.EPOCH_FENCED,
                    "journal " + journalId + ": new epoch " + epoch + " is not above the promised epoch "
                            + fence.promised() + "; retry with a higher epoch",
                    fence.promised());
        }
        fence.promise(epoch);
        closeWriter("new epoch " + epoch);
        SegmentFile last = recovery.newestNonEmpty();
        return new Responses.NewEpoch(last == null ? null : last.info());
    }

    public synchronized void startSegment(RequestInfo info, long txId, int layoutVersion) throws IOException {
        checkFormatted();
        fence.checkRequest(info);
        if (writer != null) {
            if (writer.startTxId() != txId) {
                LOG.warn(
                        "[{}] segment {} still open while epoch {} starts {}; closing it",
                        journalId,
                        writer,
                        info.epoch(),
                        txId);
            }
            closeWriter("start of segment " + txId);
        }
        recovery.clearForNewSegment(info.epoch(), txId);
        long last = recovery.lastTxId();
        if (txId <= last) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": cannot start segment at txid " + txId + " in epoch " + info.epoch()
                            + ": this JournalNode already holds txids up to " + last
                            + "; the writer must start after " + last + " (recover first)");
        }
        if (fence.writer() != info.epoch()) {
            fence.setWriter(info.epoch());
        }
        storage.deletePaxos(txId);
        writer = storage.createInProgress(txId, layoutVersion);
        writerSuspect = false;
        moveTo(State.WRITING, "segment " + txId + " started by epoch " + info.epoch());
    }

    public synchronized Responses.Journaled journal(Requests.Journal req) throws IOException {
        checkFormatted();
        RequestInfo info = req.info();
        fence.checkRequest(info);
        fence.checkWriter(info);
        SegmentFile seg = writerFor(req.segmentTxId(), info.epoch());
        List<Integer> offsets = new ArrayList<>(Math.max(req.numTxns(), 1));
        ScanResult scan =
                OpFraming.scan(ByteBuffer.wrap(req.records()), req.firstTxId(), (tx, off, len) -> offsets.add(off));
        if (scan.end() != ScanResult.End.CLEAN || scan.opCount() != req.numTxns() || req.numTxns() < 1) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": batch of txids " + req.firstTxId() + ".." + req.lastTxId()
                            + " in epoch " + info.epoch() + " does not hold exactly " + req.numTxns()
                            + " whole ops (found " + scan.opCount() + ", " + scan.end() + " "
                            + scan.problem() + "); the writer must send whole, valid ops");
        }
        long last = seg.lastTxId();
        if (req.firstTxId() > last + 1) {
            throw new JournalException(
                    ErrorCode.GAP,
                    "journal " + journalId + ": segment " + seg.startTxId() + " ends at txid " + last
                            + " but the batch starts at " + req.firstTxId() + "; resend from " + (last + 1),
                    last);
        }
        if (req.lastTxId() <= last) {
            return new Responses.Journaled(last);
        }
        int skip = (int) (last + 1 - req.firstTxId());
        int[] offs = offsets.stream().mapToInt(Integer::intValue).toArray();
        try {
            long fsync = seg.append(req.records(), offs[skip], offs, skip, last + 1, req.lastTxId());
            metrics.batchWritten(journalId, req.numTxns() - skip, req.records().length - offs[skip], fsync);
        } catch (IOException e) {
            writerSuspect = true;
            closeWriter("write of txids " + (last + 1) + ".." + req.lastTxId() + " failed: " + e.getMessage());
            throw e;
        }
        return new Responses.Journaled(req.lastTxId());
    }

    private SegmentFile writerFor(long segmentTxId, long epoch) throws IOException {
        if (writer != null && writer.startTxId() == segmentTxId && !writerSuspect) {
            return writer;
        }
        SegmentFile seg = storage.segments().get(segmentTxId);
        if (writer != null || seg == null || !seg.isInProgress()) {
            throw new JournalException(
                    ErrorCode.OUT_OF_SYNC,
                    "journal " + journalId + ": no open segment " + segmentTxId + " for epoch " + epoch
                            + (writer == null ? "" : " (open segment is " + writer.startTxId() + ")")
                            + "; this JournalNode rejoins at the next segment");
        }
        if (writerSuspect) {
            seg = recovery.reopen(seg);
            writerSuspect = false;
        }
        writer = seg;
        moveTo(State.WRITING, "reopened " + seg + " for epoch " + epoch);
        return seg;
    }

    public synchronized void heartbeat(RequestInfo info) throws IOException {
        checkFormatted();
        fence.checkRequest(info);
    }

    /**
     * Finalizes a segment. This checks the promise but not the writer epoch, because after recovery
     * the new writer finalizes a segment written in an older epoch. It does check that this node's
     * in-progress copy is the one the requesting epoch decided: written by that epoch's writer, or
     * accepted in its recovery. A copy left by an older writer whose ops this node never had
     * replaced (it missed the segment start or the accept) may hold other ops under the same txids;
     * finalizing it would make them look decided.
     */
    public synchronized void finalizeSegment(RequestInfo info, long start, long end) throws IOException {
        checkFormatted();
        fence.checkRequest(info);
        SegmentFile seg = storage.segments().get(start);
        if (seg == null) {
            throw new JournalException(
                    ErrorCode.NO_SEGMENT,
                    "journal " + journalId + ": cannot finalize segment " + start + "-" + end + " in epoch "
                            + info.epoch() + ": no segment starts at " + start + " here");
        }
        if (seg.lastTxId() != end) {
            throw new JournalException(
                    ErrorCode.INVALID,
                    "journal " + journalId + ": cannot finalize segment " + start + " at txid " + end + " in epoch "
                            + info.epoch() + ": it ends at txid " + seg.lastTxId() + " here");
        }
        if (!seg.isInProgress()) {
            return;
        }
        if (!recovery.decidedIn(info.epoch(), seg)) {
            throw new JournalException(
                    ErrorCode.OUT_OF_SYNC,
                    "journal " + journalId + ": cannot finalize segment " + start + "-" + end + " in epoch "
                            + info.epoch() + ": this JournalNode's copy was written in epoch " + fence.writer()
                            + " and not recovered in epoch " + info.epoch() + "; it is left for recovery or peer"
                            + " sync");
        }
        if (seg == writer) {
            writer = null;
            moveTo(State.READY, "finalizing segment " + start + "-" + end);
        }
        storage.finalizeSegment(seg);
        storage.deletePaxos(start);
        fence.persistCommitted();
        LOG.info("[{}] finalized segment {}-{} in epoch {}", journalId, start, end, info.epoch());
    }

    public synchronized Responses.JournalState journalState() throws IOException {
        checkFormatted();
        SegmentFile open = writer != null ? writer : recovery.newestInProgress();
        return new Responses.JournalState(
                fence.promised(), fence.writer(), fence.committed(), open == null ? null : open.info());
    }

    /**
     * Segments with transactions at or after {@code sinceTxId}; safe concurrently with writes.
     *
     * <p>In-progress segments are left out while a newer writer has been promised but has not
     * started a segment here: what is open then is the old writer's copy, which recovery settles
     * and which may hold txids that writer never got acknowledged. Offering it would let a reader
     * see them, and would stop the new writer's NameNode from starting its first segment ("Cannot
     * start writing at txid N when there is a stream available for read").
     */
    public Responses.Manifest manifest(long sinceTxId, boolean inProgressOk) throws IOException {
        checkFormatted();
        return reader.manifest(sinceTxId, inProgressOk && openSegmentsSettled(), fence.committed(), fence.writer());
    }

    /**
     * Whether the open segments here belong to the newest writer promised: false between a new
     * epoch's promise and its first segment start here. (The writer epoch is read first; both only
     * grow, so a true answer held at the moment the promise was read.)
     */
    private boolean openSegmentsSettled() {
        long writerEpoch = fence.writer();
        return writerEpoch >= fence.promised();
    }

    /** Durable ops of one segment; safe concurrently with writes. */
    public Responses.Edits readEdits(Requests.ReadEdits req) throws IOException {
        checkFormatted();
        return reader.readEdits(req);
    }

    /**
     * A tailing reader's look at the newest segment; null when it is at this node's newest txid
     * and should wait. Safe concurrently with writes. While the open segment is not settled (see
     * {@link #manifest}) the reader is sent to the manifests instead: the copy may be one that a
     * recovery in progress, or one this node accepted in it, holds under the old writer's epoch,
     * and next to another node's copy of that epoch it would look durable.
     */
    public Responses.Tail tail(Requests.TailEdits req) throws IOException {
        checkFormatted();
        if (!openSegmentsSettled()) {
            return reader.notServed(req, fence.writer(), fence.committed());
        }
        return reader.tail(req, fence.writer(), fence.committed());
    }

    /** What a tail read gets when its wait ended with nothing new. */
    public Responses.Tail tailNothingNew(Requests.TailEdits req) throws IOException {
        checkFormatted();
        return reader.tailNothingNew(req, fence.writer(), fence.committed());
    }

    public synchronized Responses.Prepared prepareRecovery(RequestInfo info, long segmentTxId) throws IOException {
        checkFormatted();
        fence.checkRequest(info);
        closeWriter("prepare recovery of segment " + segmentTxId);
        return recovery.prepare(segmentTxId);
    }

    /** Paxos phase 2: see {@link io.qjmkit.protocol.message.Requests.AcceptRecovery}. */
    public synchronized void acceptRecovery(RequestInfo info, SegmentInfo segment, String source, long sourceEpoch)
            throws IOException {
        checkFormatted();
        fence.checkRequest(info);
        closeWriter("accept recovery of " + segment);
        recovery.accept(info.epoch(), segment, source, sourceEpoch);
    }

    public synchronized void purge(RequestInfo info, long minTxIdToKeep) throws IOException {
        checkFormatted();
        fence.checkRequest(info);
        recovery.purge(minTxIdToKeep, writer);
    }

    public synchronized void discardSegments(long startTxId) throws IOException {
        checkFormatted();
        closeWriter("discard segments from " + startTxId);
        recovery.discard(startTxId);
    }

    public synchronized long upgrade(Requests.Upgrade req) throws IOException {
        if (req.op() != Requests.UpgradeOp.GET_CTIME) {
            closeWriter("upgrade step " + req.op());
        }
        checkFormatted();
        long result = new UpgradeSteps(journalId, storage).run(req);
        if (req.op() == Requests.UpgradeOp.ROLL_BACK || req.op() == Requests.UpgradeOp.PRE_UPGRADE) {
            storage.closeSegments();
            storage.load();
            fence.load();
        }
        return result;
    }

    /** Installs a finalized segment fetched by peer sync, unless one is already there. */
    public synchronized boolean installFromPeer(java.nio.file.Path verified, SegmentInfo segment) throws IOException {
        checkFormatted();
        return recovery.installMissingFinalized(verified, segment, writer);
    }

    /** A snapshot for the status endpoint. */
    public JournalStatus status() {
        return reader.status(state.name(), fence.promised(), fence.writer(), fence.committed());
    }

    private void closeWriter(String reason) {
        if (writer != null) {
            LOG.info("[{}] closing open segment {}: {}", journalId, writer, reason);
            writer = null;
            moveTo(State.READY, reason);
        }
    }

    private void checkOpen() throws JournalException {
        if (state == State.CLOSED) {
            throw new JournalException(
                    ErrorCode.INTERNAL, "journal " + journalId + " is closed (JournalNode stopping)");
        }
    }

    private void checkFormatted() throws JournalException {
        checkOpen();
        if (!storage.isFormatted()) {
            throw new JournalException(
                    ErrorCode.NOT_FORMATTED,
                    "journal " + journalId + " is not formatted on this JournalNode (no VERSION in "
                            + storage.currentDir() + "); format it with 'hdfs namenode -format' or"
                            + " 'hdfs namenode -initializeSharedEdits'");
        }
    }

    private void checkNamespace(NamespaceMeta ns) throws JournalException {
        NamespaceMeta mine = storage.namespace();
        if (!mine.sameNamespace(ns)) {
            throw new JournalException(
                    ErrorCode.NAMESPACE_MISMATCH,
                    "journal " + journalId + " holds " + mine + " but the request is for " + ns
                            + "; check dfs.namenode.shared.edits.dir or format with force");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        writer = null;
        if (storage.isFormatted()) {
            try {
                fence.persistCommitted();
            } catch (IOException e) {
                LOG.warn("[{}] could not save the commit point on close: {}", journalId, e.toString());
            }
        }
        storage.close();
        moveTo(State.CLOSED, "closed");
    }
}
