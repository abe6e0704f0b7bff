package io.qjmkit.client.read;

import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decides, from the tail answers of a majority of JournalNodes, how far a tailing reader may read
 * and from which answer. Pure, so every rule is unit tested.
 *
 * <p>Only copies written by the newest writer seen (highest writer epoch, then highest segment
 * start) count: a node that missed a writer change may hold an older, never-acknowledged tail of
 * the same txids. A txid is durable when a majority of the whole cluster is known to hold it in
 * such a copy (answers from other copies count as holding nothing), or when the newest writer
 * reported it committed.
 *
 * @param <K> the JournalNode the answer came from
 */
public record TailChoice<K>(K node, Responses.Tail answer, long durableEnd) {

    /** One node's answer. */
    public record Answer<K>(K node, Responses.Tail tail) {}

    /**
     * The answer to read from and the last durable txid, or null when nothing at or after {@code
     * fromTxId} is durable yet. Every answer must be {@linkplain Responses.Tail#served served}.
     */
    public static <K> TailChoice<K> of(List<Answer<K>> answers, int majority, long fromTxId) {
        Answer<K> newest = null;
        for (Answer<K> a : answers) {
            if (a.tail().segment() != null && (newest == null || newer(a.tail(), newest.tail()))) {
                newest = a;
            }
        }
        if (newest == null) {
            return null;
        }
        long epoch = newest.tail().writerEpoch();
        long start = newest.tail().segment().startTxId();
        List<Long> ends = new ArrayList<>();
        Answer<K> longest = null;
        long committed = -1;
        for (Answer<K> a : answers) {
            Responses.Tail t = a.tail();
            boolean sameCopy = t.segment() != null
                    && t.writerEpoch() == epoch
                    && t.segment().startTxId() == start;
            if (!sameCopy || t.txCount() == 0) {
                ends.add(fromTxId - 1);
                if (sameCopy) {
                    committed = Math.max(committed, t.committedTxId());
                }
                continue;
            }
            ends.add(t.lastTxId());
            committed = Math.max(committed, t.committedTxId());
            if (longest == null || t.lastTxId() > longest.tail().lastTxId()) {
                longest = a;
            }
        }
        if (longest == null) {
            return null;
        }
        ends.sort(Collections.reverseOrder());
        long byMajority = ends.size() >= majority ? ends.get(majority - 1) : fromTxId - 1;
        long durable = Math.max(byMajority, Math.min(committed, longest.tail().lastTxId()));
        return durable < fromTxId ? null : new TailChoice<>(longest.node(), longest.tail(), durable);
    }

    private static boolean newer(Responses.Tail a, Responses.Tail b) {
        if (a.writerEpoch() != b.writerEpoch()) {
            return a.writerEpoch() > b.writerEpoch();
        }
        SegmentInfo sa = a.segment();
        SegmentInfo sb = b.segment();
        return sa.startTxId() > sb.startTxId();
    }
}
