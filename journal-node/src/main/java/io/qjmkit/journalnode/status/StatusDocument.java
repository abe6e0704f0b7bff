package io.qjmkit.journalnode.status;

import io.qjmkit.protocol.message.SegmentInfo;
import java.util.List;

/**
 * The JSON answer of {@code GET /status}. A view separate from {@link JournalStatus} so the JSON
 * field names are a stable, documented contract that internal refactors cannot change by accident.
 *
 * @param node facts about the JournalNode process
 * @param journals one entry per journal, in the supplier's order
 */
public record StatusDocument(Node node, List<Journal> journals) {

    public StatusDocument {
        journals = List.copyOf(journals);
    }

    /** @param uptimeMillis how long the JournalNode has run */
    public record Node(long uptimeMillis) {}

    /**
     * One journal: {@code lastTxId} is the last durable txid here, {@code lag} how many committed
     * transactions this node misses.
     */
    public record Journal(
            String id,
            String state,
            String namespace,
            long promisedEpoch,
            long writerEpoch,
            long lastTxId,
            long committedTxId,
            long lag,
            Segment currentSegment,
            List<Segment> segments) {

        public Journal {
            segments = List.copyOf(segments);
        }

        static Journal of(JournalStatus s) {
            return new Journal(
                    s.journalId(),
                    s.state(),
                    s.namespace(),
                    s.promisedEpoch(),
                    s.writerEpoch(),
                    s.lastDurableTxId(),
                    s.committedTxId(),
                    s.lag(),
                    s.currentSegment() == null ? null : Segment.of(s.currentSegment()),
                    s.segments().stream().map(Segment::of).toList());
        }
    }

    /** A segment's txid range; {@code endTxId = startTxId - 1} when it holds none yet. */
    public record Segment(long startTxId, long endTxId, boolean inProgress) {
        static Segment of(SegmentInfo info) {
            return new Segment(info.startTxId(), info.endTxId(), info.inProgress());
        }
    }

    static StatusDocument of(long uptimeMillis, List<JournalStatus> journals) {
        return new StatusDocument(
                new Node(uptimeMillis), journals.stream().map(Journal::of).toList());
    }
}
