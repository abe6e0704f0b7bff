package io.qjmkit.journalnode.sync;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.transport.JournalClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the peer JournalNodes whether they hold a journal. A wiped or replaced JournalNode uses it
 * to rejoin by itself: when a writer's new-epoch request arrives for a journal this node lacks
 * but a peer holds, the node formats it with the request's namespace and peer sync refills it.
 */
public final class PeerProbe {
    private static final Logger LOG = LoggerFactory.getLogger(PeerProbe.class);

    /** A probe with no peers: never claims a journal exists elsewhere. */
    public static final PeerProbe NONE = new PeerProbe(List.of(), null, Duration.ZERO);

    private final List<InetSocketAddress> peers;
    private final EventLoopGroup group;
    private final Duration timeout;

    public PeerProbe(List<InetSocketAddress> peers, EventLoopGroup group, Duration timeout) {
        this.peers = List.copyOf(peers);
        this.group = group;
        this.timeout = timeout;
    }

    /** True when at least one reachable peer has {@code journalId} formatted. */
    public boolean anyPeerFormatted(String journalId) {
        for (InetSocketAddress peer : peers) {
            try (JournalClient c = new JournalClient(group, peer, (int) timeout.toMillis())) {
                Responses.Bool b = c.call(new Requests.IsFormatted(journalId), Responses.Bool.class)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (b.value()) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                LOG.debug("[{}] peer {} did not answer is-formatted: {}", journalId, peer, e.toString());
            }
        }
        return false;
    }
}
