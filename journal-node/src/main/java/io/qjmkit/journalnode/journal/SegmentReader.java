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
    private final String journalId;
    private final JournalStorage storage;
    private final JournalMetrics metrics;

    SegmentReader(String journalId, JournalStorage storage, JournalMetrics metrics) {
        this.journalId = journalId;
        this.storage = storage;
        this.metrics = metrics;
    }

    Responses.Manifest manifest(long sinceTxId, boolean inProgressOk, long committed) {
        List<SegmentInfo> out = new ArrayList<>();
        for (SegmentFile s : storage.segments().values()) {
            SegmentInfo i = s.info();
            if (i.endTxId() < sinceTxId || i.isEmpty() || (i.inProgress() && !inProgressOk)) {
                continue;
            }
            out.add(i);
        }
        return new Responses.Manifest(List.copyOf(out), committed);
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
