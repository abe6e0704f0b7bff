package io.qjmkit.client.read;

import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.client.config.ClientConfig;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.hadoop.hdfs.server.namenode.EditLogInputStream;
import org.apache.hadoop.hdfs.server.namenode.JournalSet;

/**
 * The fast path of in-progress tailing: one long-poll round trip to the JournalNodes returns the
 * new durable edits themselves, instead of a manifest call followed by a read. When there are none
 * yet the call waits at the JournalNodes until edits arrive or {@code qjmkit.client.tail.wait.ms}
 * passes. Only the standby's edit-log tailer asks for in-progress and durable edits together (startup,
 * bootstrap and the catch-up during failover read finalized segments), so only it ever waits here.
 * Declines (returns false) whenever a node says the reader is not at its newest segment, and {@link
 * StreamSelector} then reads through manifests.
 */
final class TailSelector {
    private final ChannelSet channels;
    private final ClientConfig config;

    TailSelector(ChannelSet channels, ClientConfig config) {
        this.channels = channels;
        this.config = config;
    }

    /** Adds a stream of the new durable edits (if any) to {@code out}; false when it cannot serve. */
    boolean select(Collection<EditLogInputStream> out, long fromTxId) throws IOException {
        int waitMs = config.tailWaitMs();
        Map<JournalChannel, Responses.Tail> answers = channels.majority(
                c -> c.tailEdits(fromTxId, config.readChunkBytes(), waitMs),
                waitMs + (long) config.timeouts().selectInputStreamsMs(),
                "tailEdits(from txid " + fromTxId + ") of journal " + config.journalId());
        List<TailChoice.Answer<JournalChannel>> list = new ArrayList<>();
        for (Map.Entry<JournalChannel, Responses.Tail> e : answers.entrySet()) {
            if (!e.getValue().served()) {
                return false;
            }
            list.add(new TailChoice.Answer<>(e.getKey(), e.getValue()));
        }
        TailChoice<JournalChannel> choice = TailChoice.of(list, channels.majority(), fromTxId);
        if (choice == null) {
            return true;
        }
        Responses.Tail t = choice.answer();
        long end = choice.durableEnd();
        RemoteEditsStream stream = new RemoteEditsStream(
                choice.node(),
                config.journalId(),
                t.segment().startTxId(),
                fromTxId,
                end,
                true,
                config.readChunkBytes(),
                config.timeouts().readEditsMs());
        long lastHeld = Math.min(end, t.lastTxId());
        stream.prefill(t.layoutVersion(), t.firstTxId(), lastHeld, upTo(t, lastHeld));
        PriorityQueue<EditLogInputStream> all = new PriorityQueue<>(JournalSet.EDIT_LOG_INPUT_STREAM_COMPARATOR);
        all.add(stream);
        JournalSet.chainAndMakeRedundantStreams(out, all, fromTxId);
        return true;
    }

    /** The answer's ops cut after txid {@code last}. */
    private static byte[] upTo(Responses.Tail t, long last) {
        if (last >= t.lastTxId()) {
            return t.ops();
        }
        int[] end = {0};
        OpFraming.scan(ByteBuffer.wrap(t.ops()), t.firstTxId(), (txId, off, len) -> {
            if (txId <= last) {
                end[0] = off + len;
            }
        });
        return Arrays.copyOf(t.ops(), end[0]);
    }
}
