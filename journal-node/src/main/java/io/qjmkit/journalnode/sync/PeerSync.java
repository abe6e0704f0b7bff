package io.qjmkit.journalnode.sync;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.journalnode.journal.SegmentFetcher;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.journalnode.storage.SegmentFile;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import io.qjmkit.protocol.transport.JournalClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills finalized segments this JournalNode lacks from its peers, at startup and then every sync
 * interval: asks each peer for its manifest, copies each missing finalized segment with the
 * {@link SegmentFetcher} and installs it. Never overwrites a finalized segment and never touches
 * the segment a writer has open.
 */
public final class PeerSync implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerSync.class);

    private final List<InetSocketAddress> peers;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Collection<Journal>> journals;
    private final SegmentFetcher fetcher;
    private final EventLoopGroup group;
    private final Duration timeout;
    private ScheduledFuture<?> task;

    public PeerSync(
            List<InetSocketAddress> peers,
            Duration interval,
            ScheduledExecutorService scheduler,
            Supplier<Collection<Journal>> journals,
            SegmentFetcher fetcher,
            EventLoopGroup group,
            Duration timeout) {
        this.peers = List.copyOf(peers);
        this.interval = interval;
        this.scheduler = scheduler;
        this.journals = journals;
        this.fetcher = fetcher;
        this.group = group;
        this.timeout = timeout;
    }

    public synchronized void start() {
        long ms = Math.max(1, interval.toMillis());
        task = scheduler.scheduleWithFixedDelay(this::syncAll, 0, ms, TimeUnit.MILLISECONDS);
        LOG.info("Peer sync every {} ms from {}", ms, peers);
    }

    /** One pass over every formatted journal and every peer; failures are logged, never thrown. */
    public void syncAll() {
        for (Journal j : journals.get()) {
            if (!j.isFormatted() || j.state() == Journal.State.CLOSED) {
                continue;
            }
            for (InetSocketAddress peer : peers) {
                try {
                    syncFrom(j, peer);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("[{}] sync from {} failed: {}", j.journalId(), peer, e.toString());
                }
            }
        }
    }

    private void syncFrom(Journal j, InetSocketAddress peer) throws IOException {
        Responses.Manifest manifest;
        try (JournalClient client = new JournalClient(group, peer, (int) timeout.toMillis())) {
            manifest = client.call(new Requests.GetManifest(j.journalId(), 0, false), Responses.Manifest.class)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            throw new IOException("manifest of " + j.journalId() + " from " + peer + ": " + e, e);
        }
        for (SegmentInfo s : manifest.segments()) {
            if (s.inProgress() || !missing(j, s)) {
                continue;
            }
            LOG.info("[{}] segment {} is missing here; copying it from {}", j.journalId(), s, peer);
            Path file = fetcher.fetch(
                    j.journalId(),
                    s,
                    peer.getHostString() + ":" + peer.getPort(),
                    j.storage().syncDir());
            j.installFromPeer(file, s);
        }
    }

    /**
     * True when no finalized segment here overlaps {@code s} and it was not purged here on purpose
     * (a segment lost to damage or a wiped disk is refilled; a purged one is not copied back).
     */
    static boolean missing(Journal j, SegmentInfo s) throws IOException {
        if (s.endTxId() < j.storage().readLong(JournalStorage.PURGED_BELOW_TXID, 0)) {
            return false;
        }
        Map<Long, SegmentFile> segs = j.storage().segments();
        for (SegmentFile f : segs.values()) {
            SegmentInfo i = f.info();
            if (!i.inProgress() && i.startTxId() <= s.endTxId() && i.endTxId() >= s.startTxId()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
