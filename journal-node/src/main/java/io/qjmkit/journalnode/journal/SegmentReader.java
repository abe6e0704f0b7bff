package io.qjmkit.journalnode.journal;

import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.status.JournalStatus;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.journalnode.storage.SegmentFile;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The read side of a journal: manifests, edits and status snapshots. Runs without the journal's
 * lock, beside the writer, and sees only what segments report as durable.
 */
final class SegmentReader {
    private static final byte[] NO_OPS = new byte[0];

    private final String journalId;
    private final JournalStorage storage;
    private final JournalMetrics metrics;

    SegmentReader(String journalId, JournalStorage storage, JournalMetrics metrics) {
        this.journalId = journalId;
        this.storage = storage;
        this.metrics = metrics;
    }

    Responses.Manifest manifest(long sinceTxId, boolean inProgressOk, long committed, long writerEpoch) {
        List<SegmentInfo> out = new ArrayList<>();
        for (SegmentFile s : storage.segments().values()) {
            SegmentInfo i = s.info();
            if (i.endTxId() < sinceTxId || i.isEmpty() || (i.inProgress() && !inProgressOk)) {
                continue;
            }
            out.add(i);
        }
        return new Responses.Manifest(List.copyOf(out), committed, writerEpoch);
    }

    Responses.Edits readEdits(Requests.ReadEdits req) throws IOException {
        SegmentFile seg;
        if (req.segmentTxId() != 0) {
            seg = storage.segments().get(req.segmentTxId());
        } else {
            Map.Entry<Long, SegmentFile> e = storage.segments().floorEntry(req.fromTxId());
            seg = e == null ? null : e.getValue();
        }
        // A tailing reader asks for the txid after the end of the open segment: nothing yet.
        boolean readable = seg != null
                && req.fromTxId() >= seg.startTxId()
                && (req.fromTxId() <= seg.lastTxId() || (seg.isInProgress() && req.fromTxId() == seg.lastTxId() + 1));
        if (!readable) {
            throw new JournalException(
                    ErrorCode.NO_SEGMENT,
                    "journal " + journalId + ": no segment"
                            + (req.segmentTxId() == 0 ? "" : " starting at " + req.segmentTxId())
                            + " holds txid " + req.fromTxId()
                            + (seg == null ? "" : " (nearest is " + seg.info() + ")"));
        }
        SegmentFile.ReadChunk chunk = seg.read(req.fromTxId(), req.maxTxId(), req.maxBytes());
        int count = (int) Math.max(0, chunk.lastTxId() - chunk.firstTxId() + 1);
        metrics.editsRead(journalId, count, chunk.ops().length);
        return new Responses.Edits(seg.info(), seg.layoutVersion(), chunk.firstTxId(), chunk.lastTxId(), chunk.ops());
    }

    /**
     * The answer to a tail read, or null when the reader is exactly at this node's newest txid and
     * should wait. Only the newest segment is served; a reader anywhere else is told to use
     * manifests.
     */
    Responses.Tail tail(Requests.TailEdits req, long writerEpoch, long committed) throws IOException {
        Map.Entry<Long, SegmentFile> newest = storage.segments().lastEntry();
        long from = req.fromTxId();
        if (newest == null) {
            return notServed(req, writerEpoch, committed);
        }
        SegmentFile seg = newest.getValue();
        if (from == seg.lastTxId() + 1) {
            return null;
        }
        if (from < seg.startTxId() || from > seg.lastTxId() || !seg.isInProgress()) {
            return new Responses.Tail(false, seg.info(), writerEpoch, committed, 0, from, from - 1, NO_OPS);
        }
        SegmentFile.ReadChunk chunk = seg.read(from, Long.MAX_VALUE, req.maxBytes());
        int count = (int) Math.max(0, chunk.lastTxId() - chunk.firstTxId() + 1);
        metrics.editsRead(journalId, count, chunk.ops().length);
        return new Responses.Tail(
                true,
                seg.info(),
                writerEpoch,
                committed,
                seg.layoutVersion(),
                chunk.firstTxId(),
                chunk.lastTxId(),
                chunk.ops());
    }

    /** The answer that sends a tailing reader to the manifests. */
    Responses.Tail notServed(Requests.TailEdits req, long writerEpoch, long committed) {
        long from = req.fromTxId();
        return new Responses.Tail(false, null, writerEpoch, committed, 0, from, from - 1, NO_OPS);
    }

    /** The answer to a tail read whose wait ended with nothing new. */
    Responses.Tail tailNothingNew(Requests.TailEdits req, long writerEpoch, long committed) {
        Map.Entry<Long, SegmentFile> newest = storage.segments().lastEntry();
        SegmentInfo open = newest != null && newest.getValue().isInProgress()
                ? newest.getValue().info()
                : null;
        long from = req.fromTxId();
        return new Responses.Tail(true, open, writerEpoch, committed, 0, from, from - 1, NO_OPS);
    }

    JournalStatus status(String state, long promised, long writer, long committed) {
        List<SegmentInfo> segs = new ArrayList<>();
        SegmentInfo open = null;
        for (SegmentFile s : storage.segments().values()) {
            segs.add(s.info());
            if (s.isInProgress()) {
                open = s.info();
            }
        }
        long durable = segs.isEmpty() ? 0 : segs.get(segs.size() - 1).endTxId();
        return new JournalStatus(
                journalId,
                state,
                storage.isFormatted() ? storage.namespace().toString() : "",
                promised,
                writer,
                committed,
                durable,
                open,
                List.copyOf(segs));
    }
}
