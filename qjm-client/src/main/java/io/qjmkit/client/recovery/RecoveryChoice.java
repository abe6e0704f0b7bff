package io.qjmkit.client.recovery;

import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the copy of a segment that recovery makes every JournalNode adopt, from the answers to
 * prepareRecovery. A segment beats none; finalized beats in-progress; then the copy seen in the
 * higher epoch ({@code max(acceptedInEpoch, lastWriterEpoch)}); then the longer one. Pure: no I/O,
 * so every rule is unit tested.
 */
public final class RecoveryChoice {
    private RecoveryChoice() {}

    /** The winning copy and the JournalNode that holds it. */
    public record Chosen<K>(K source, SegmentInfo segment, Responses.Prepared prepared) {}

    /** Orders answers from worst to best. */
    static final Comparator<Responses.Prepared> ORDER = (a, b) -> {
        SegmentInfo sa = a.segment();
        SegmentInfo sb = b.segment();
        if ((sa == null) != (sb == null)) {
            return sa == null ? -1 : 1;
        }
        if (sa == null) {
            return 0;
        }
        if (sa.inProgress() != sb.inProgress()) {
            return sa.inProgress() ? -1 : 1;
        }
        int byEpoch = Long.compare(seenEpoch(a), seenEpoch(b));
        if (byEpoch != 0) {
            return byEpoch;
        }
        return Long.compare(sa.endTxId(), sb.endTxId());
    };

    static long seenEpoch(Responses.Prepared p) {
        return Math.max(p.acceptedInEpoch(), p.lastWriterEpoch());
    }

    /**
     * The epoch the chosen copy dates from, which lets a node with an in-progress copy of the same
     * version skip the download. A finalized copy has none: the last writer epoch of its node says
     * nothing about which writer's ops a recovery finalized there.
     */
    public static long sourceEpoch(Chosen<?> chosen) {
        return chosen.segment().inProgress() ? seenEpoch(chosen.prepared()) : Requests.AcceptRecovery.UNKNOWN_EPOCH;
    }

    /**
     * Picks the best answer, or empty when no JournalNode has the segment (it never reached a
     * majority, so there is nothing to recover).
     *
     * @throws IllegalStateException when the answers contradict each other (finalized copies of
     *     different lengths, or a txid reported committed beyond the chosen end): recovering would
     *     lose acknowledged edits
     */
    public static <K> Optional<Chosen<K>> choose(long segmentTxId, Map<K, Responses.Prepared> answers) {
        Map.Entry<K, Responses.Prepared> best = null;
        for (Map.Entry<K, Responses.Prepared> e : answers.entrySet()) {
            SegmentInfo s = e.getValue().segment();
            if (s != null && s.startTxId() != segmentTxId) {
                throw new IllegalStateException(
                        e.getKey() + " answered for segment " + s + " when asked about segment " + segmentTxId);
            }
            if (best == null || ORDER.compare(e.getValue(), best.getValue()) > 0) {
                best = e;
            }
        }
        if (best == null || best.getValue().segment() == null) {
            return Optional.empty();
        }
        SegmentInfo chosen = best.getValue().segment();
        for (Map.Entry<K, Responses.Prepared> e : answers.entrySet()) {
            SegmentInfo s = e.getValue().segment();
            if (s != null && !s.inProgress() && !chosen.inProgress() && s.endTxId() != chosen.endTxId()) {
                throw new IllegalStateException("finalized copies of segment " + segmentTxId + " differ: "
                        + best.getKey() + " has " + chosen + ", " + e.getKey() + " has " + s);
            }
            if (e.getValue().committedTxId() > chosen.endTxId() && e.getValue().committedTxId() >= segmentTxId) {
                throw new IllegalStateException("recovery would keep " + chosen + " from " + best.getKey() + " but "
                        + e.getKey() + " knows txid " + e.getValue().committedTxId() + " was committed");
            }
        }
        return Optional.of(new Chosen<>(best.getKey(), chosen, best.getValue()));
    }
}
