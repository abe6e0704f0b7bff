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
        long committed = -1;
        Map<Long, List<Copy>> bySegment = new TreeMap<>();
        for (Map.Entry<JournalChannel, Responses.Manifest> e : manifests.entrySet()) {
            committed = Math.max(committed, e.getValue().committedTxId());
            for (SegmentInfo s : e.getValue().segments()) {
                if (s.isEmpty() || s.endTxId() < fromTxId || (s.inProgress() && !inProgressOk)) {
                    continue;
                }
                bySegment.computeIfAbsent(s.startTxId(), k -> new ArrayList<>()).add(new Copy(e.getKey(), s));
            }
        }
        PriorityQueue<EditLogInputStream> all = new PriorityQueue<>(JournalSet.EDIT_LOG_INPUT_STREAM_COMPARATOR);
        for (List<Copy> copies : bySegment.values()) {
            long durableEnd = onlyDurableTxns
                    ? durableEnd(copies, manifests.size(), channels.majority(), committed)
                    : Long.MAX_VALUE;
            for (Copy c : copies) {
                SegmentInfo s = c.segment();
                long end = s.inProgress() ? Math.min(s.endTxId(), durableEnd) : s.endTxId();
                long fetchFrom = Math.max(s.startTxId(), fromTxId);
                if (end < fetchFrom) {
                    continue;
                }
                all.add(new RemoteEditsStream(
                        c.channel(),
                        config.journalId(),
                        s.startTxId(),
                        fetchFrom,
                        end,
                        s.inProgress(),
                        config.readChunkBytes(),
                        config.timeouts().readEditsMs()));
            }
        }
        if (!all.isEmpty()) {
            JournalSet.chainAndMakeRedundantStreams(out, all, fromTxId);
        }
    }

    /**
     * The highest txid of an in-progress segment that is durable: the majority-th highest end among
     * the responders (majority of the whole cluster) (a missing copy counts as empty), or the writer's commit point when higher.
     */
    static long durableEnd(List<Copy> copies, int responders, int majority, long committed) {
        long start = copies.get(0).segment().startTxId();
        List<Long> ends = new ArrayList<>();
        for (Copy c : copies) {
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
    record Copy(JournalChannel channel, SegmentInfo segment) {}
}
