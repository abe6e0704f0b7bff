package io.qjmkit.it;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.protocol.transport.EventLoops;
import io.qjmkit.protocol.transport.JournalClient;
import io.qjmkit.testkit.MiniJournalCluster;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks one JournalNode over the wire what it holds, as an operator's tool would. */
final class JournalProbe {
    private JournalProbe() {}

    /** The last durable txid of the newest segment on node {@code i}, or 0 when it holds none. */
    static long lastDurableTxId(MiniJournalCluster journals, int i, String journalId) throws Exception {
        return lastDurableTxId(journals.rpcAddress(i), journalId);
    }

    static long lastDurableTxId(InetSocketAddress address, String journalId) throws Exception {
        List<SegmentInfo> segments = manifest(address, journalId).segments();
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).endTxId();
    }

    static Responses.Manifest manifest(InetSocketAddress address, String journalId) throws Exception {
        EventLoopGroup group = EventLoops.create("probe", 1);
        try (JournalClient client = new JournalClient(group, address, 2000)) {
            return client.call(new Requests.GetManifest(journalId, 0, true), Responses.Manifest.class)
                    .get(10, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
