package io.qjmkit.client.read;

import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.client.config.ClientConfig;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.hadoop.hdfs.server.namenode.EditLogInputStream;
import org.apache.hadoop.hdfs.server.namenode.JournalSet;

/**
 * Answers the NameNode's {@code selectInputStreams}. A tailing reader at the newest segment is
 * served by {@link TailSelector}'s long poll; otherwise it asks a majority for their manifests and turns
 * every segment holding txids at or after {@code fromTxId} into redundant streams over the
 * JournalNodes that have it. An in-progress segment read for durable txns ends where a majority of
 * responders (or the writer's commit point) vouches for it.
 */
public final class StreamSelector {
    private final ChannelSet channels;
    private final ClientConfig config;
    private final TailSelector tail;

    public StreamSelector(ChannelSet channels, ClientConfig config) {
        this.channels = channels;
        this.config = config;
        this.tail = new TailSelector(channels, config);
    }

    public void select(Collection<EditLogInputStream> out, long fromTxId, boolean inProgressOk, boolean onlyDurableTxns)
            throws IOException {
        if (inProgressOk && onlyDurableTxns && config.tailWaitMs() > 0 && tail.select(out, fromTxId)) {
            return;
        }
        Map<JournalChannel, Responses.Manifest> manifests = channels.majority(
                c -> c.getManifest(fromTxId, inProgressOk),
                config.timeouts().selectInputStreamsMs(),
                "getManifest(from txid " + fromTxId + ") of journal " + config.journalId());
        PriorityQueue<EditLogInputStream> all = new PriorityQueue<>(JournalSet.EDIT_LOG_INPUT_STREAM_COMPARATOR);
        for (Readable<JournalChannel> r :
                readable(manifests, channels.majority(), fromTxId, inProgressOk, onlyDurableTxns)) {
            all.add(new RemoteEditsStream(
                    r.node(),
                    config.journalId(),
                    r.segment().startTxId(),
                    r.fetchFrom(),
                    r.end(),
                    r.segment().inProgress(),
                    config.readChunkBytes(),
                    config.timeouts().readEditsMs()));
        }
        if (!all.isEmpty()) {
            JournalSet.chainAndMakeRedundantStreams(out, all, fromTxId);
        }
    }

    /** Txids {@code fetchFrom..end} of {@code node}'s copy of {@code segment}, which a reader may read. */
    public record Readable<K>(K node, SegmentInfo segment, long fetchFrom, long end) {}

    /**
     * What a reader from {@code fromTxId} may read, given the manifests of a majority: every copy
     * of a finalized segment, and of an in-progress one the part that is durable (with {@code
     * onlyDurableTxns}). In-progress copies count only from nodes whose writer epoch is the newest
     * among the answers, and only for segments no answer holds finalized; the others count as
     * holding nothing.
     */
    public static <K> List<Readable<K>> readable(
            Map<K, Responses.Manifest> manifests,
            int majority,
            long fromTxId,
            boolean inProgressOk,
            boolean onlyDurableTxns) {
        long newestWriter = Responses.Manifest.UNKNOWN_EPOCH;
        for (Responses.Manifest m : manifests.values()) {
            newestWriter = Math.max(newestWriter, m.writerEpoch());
        }
        long committed = -1;
        Map<Long, List<Copy<K>>> bySegment = new TreeMap<>();
        for (Map.Entry<K, Responses.Manifest> e : manifests.entrySet()) {
            // A node that has not seen the newest writer may hold an older version of its txids.
            boolean newest = e.getValue().writerEpoch() == newestWriter;
            if (newest) {
                committed = Math.max(committed, e.getValue().committedTxId());
            }
            for (SegmentInfo s : e.getValue().segments()) {
                if (s.isEmpty() || s.endTxId() < fromTxId || (s.inProgress() && (!inProgressOk || !newest))) {
                    continue;
                }
                bySegment.computeIfAbsent(s.startTxId(), k -> new ArrayList<>()).add(new Copy<>(e.getKey(), s));
            }
        }
        List<Readable<K>> out = new ArrayList<>();
        for (List<Copy<K>> copies : bySegment.values()) {
            if (copies.stream().anyMatch(c -> !c.segment().inProgress())) {
                // Finalized copies hold what recovery decided. An in-progress copy of the same
                // segment may be a writer's unacknowledged version that the recovery passed over,
                // and a finalized copy's end vouches for nothing in it.
                copies = copies.stream().filter(c -> !c.segment().inProgress()).toList();
            }
            long durableEnd =
                    onlyDurableTxns ? durableEnd(copies, manifests.size(), majority, committed) : Long.MAX_VALUE;
            for (Copy<K> c : copies) {
                SegmentInfo s = c.segment();
                long end = s.inProgress() ? Math.min(s.endTxId(), durableEnd) : s.endTxId();
                long fetchFrom = Math.max(s.startTxId(), fromTxId);
                if (end >= fetchFrom) {
                    out.add(new Readable<>(c.node(), s, fetchFrom, end));
                }
            }
        }
        return out;
    }

    /**
     * The highest txid of an in-progress segment that is durable: the majority-th highest end among
     * the responders (majority of the whole cluster) (a missing copy counts as empty), or the writer's commit point when higher.
     */
    static <K> long durableEnd(List<Copy<K>> copies, int responders, int majority, long committed) {
        long start = copies.get(0).segment().startTxId();
        List<Long> ends = new ArrayList<>();
        for (Copy<K> c : copies) {
            ends.add(c.segment().endTxId());
        }
        while (ends.size() < responders) {
            ends.add(start - 1);
        }
        ends.sort(Collections.reverseOrder());
        long byMajority = ends.get(Math.min(majority, ends.size()) - 1);
        return Math.max(byMajority, committed);
    }

    /** One JournalNode's copy of a segment. */
    record Copy<K>(K node, SegmentInfo segment) {}
}
