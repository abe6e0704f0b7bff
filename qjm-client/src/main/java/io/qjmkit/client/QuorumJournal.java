package io.qjmkit.client;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.client.channel.RemoteJournalChannel;
import io.qjmkit.client.channel.SharedEventLoops;
import io.qjmkit.client.channel.WriterLinks;
import io.qjmkit.client.config.ClientConfig;
import io.qjmkit.client.read.StreamSelector;
import io.qjmkit.client.recovery.WriterRecovery;
import io.qjmkit.client.write.QuorumOutputStream;
import io.qjmkit.protocol.codec.WirePreamble;
import io.qjmkit.protocol.message.NamespaceMeta;
import io.qjmkit.protocol.message.Requests.UpgradeOp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.server.common.Storage;
import org.apache.hadoop.hdfs.server.common.StorageInfo;
import org.apache.hadoop.hdfs.server.namenode.EditLogInputStream;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.namenode.JournalManager;
import org.apache.hadoop.hdfs.server.protocol.NamespaceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameNode's shared edit log on a quorum of qjm-kit JournalNodes, loaded through {@code
 * dfs.namenode.edits.journal-plugin.qjournal}. The NameNode makes a new instance at every HA
 * transition: a fresh one is a reader; {@link #recoverUnfinalizedSegments()} makes it the writer.
 */
public class QuorumJournal implements JournalManager {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumJournal.class);
    private static final int DEFAULT_BUFFER_CAPACITY = 512 * 1024;

    /** Lifecycle: a reader until it wins an epoch; closed for good. */
    enum State {
        READER,
        RECOVERING,
        WRITER,
        CLOSED
    }

    private final URI uri;
    private final NamespaceInfo namespace;
    private final ClientConfig config;
    private final ChannelSet channels;
    private final WriterLinks writerLinks;
    private final StreamSelector selector;
    private final AtomicReference<State> state = new AtomicReference<>(State.READER);
    private volatile int bufferCapacity = DEFAULT_BUFFER_CAPACITY;

    public QuorumJournal(Configuration conf, URI uri, NamespaceInfo namespace, String nameServiceId)
            throws IOException {
        this.uri = uri;
        this.namespace = namespace;
        try {
            this.config = ClientConfig.from(conf, uri);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        EventLoopGroup group = SharedEventLoops.acquire();
        List<JournalChannel> list = new ArrayList<>();
        // One loop for every channel of this journal: it serves the readers' calls and the sweeps.
        EventLoop loop = group.next();
        WriterLinks links = null;
        try {
            links = new WriterLinks(loop);
            for (InetSocketAddress node : config.journalNodes()) {
                list.add(new RemoteJournalChannel(
                        config.journalId(), node, loop, links, config.connectTimeoutMs(), config.catchupBufferBytes()));
            }
        } catch (IOException | RuntimeException e) {
            list.forEach(JournalChannel::close);
            if (links != null) {
                links.close();
            }
            SharedEventLoops.release();
            throw new IOException("cannot set up channels to the JournalNodes of " + uri + ": " + e, e);
        }
        this.writerLinks = links;
        this.channels = new ChannelSet(list, links);
        this.selector = new StreamSelector(channels, config);
        LOG.info(
                "Journal {}: {} for nameservice {} (wire version {})",
                config.journalId(),
                this,
                nameServiceId,
                WirePreamble.VERSION);
    }

    public QuorumJournal(Configuration conf, URI uri, NamespaceInfo namespace) throws IOException {
        this(conf, uri, namespace, null);
    }

    private void move(State from, State to) {
        if (!state.compareAndSet(from, to)) {
            throw new IllegalStateException(
                    "journal " + config.journalId() + " is " + state.get() + ", not " + from + "; cannot become " + to);
        }
        LOG.info("Journal {}: {} -> {}", config.journalId(), from, to);
    }

    /** A call the NameNode makes; any unchecked exception becomes an {@link IOException}. */
    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T guard(String what, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw new IOException(what + " on journal " + config.journalId() + " failed: " + e, e);
        }
    }

    @Override
    public void format(NamespaceInfo ns, boolean force) throws IOException {
        guard("format", () -> {
            LOG.info("Journal {}: formatting {} with {} (force={})", config.journalId(), channels, ns, force);
            channels.all(
                    c -> c.format(NamespaceMapping.of(ns), force),
                    config.timeouts().operationsMs(),
                    "format(" + config.journalId() + ")");
            return null;
        });
    }

    @Override
    public boolean hasSomeData() throws IOException {
        return guard("hasSomeData", () -> {
            Map<JournalChannel, Boolean> answers = channels.all(
                    JournalChannel::isFormatted,
                    config.timeouts().operationsMs(),
                    "isFormatted(" + config.journalId() + ")");
            return answers.containsValue(Boolean.TRUE);
        });
    }

    @Override
    public void recoverUnfinalizedSegments() throws IOException {
        guard("recoverUnfinalizedSegments", () -> {
            move(State.READER, State.RECOVERING);
            boolean ok = false;
            try {
                new WriterRecovery(channels, config.timeouts(), NamespaceMapping.of(namespace), config.journalId())
                        .run();
                ok = true;
            } finally {
                move(State.RECOVERING, ok ? State.WRITER : State.READER);
            }
            return null;
        });
    }

    @Override
    public EditLogOutputStream startLogSegment(long txId, int layoutVersion) throws IOException {
        return guard("startLogSegment(" + txId + ")", () -> {
            if (state.get() != State.WRITER) {
                throw new IOException("journal " + config.journalId() + " cannot start segment " + txId + ": it is "
                        + state.get() + "; recoverUnfinalizedSegments() must succeed first");
            }
            channels.majority(
                    c -> c.startSegment(txId, layoutVersion),
                    config.timeouts().startSegmentMs(),
                    "startSegment(" + txId + ") of journal " + config.journalId());
            return new QuorumOutputStream(
                    channels,
                    config.journalId(),
                    txId,
                    layoutVersion,
                    bufferCapacity,
                    config.timeouts().writeTxnsMs());
        });
    }

    @Override
    public void finalizeLogSegment(long firstTxId, long lastTxId) throws IOException {
        guard("finalizeLogSegment", () -> {
            channels.majority(
                    c -> c.finalizeSegment(firstTxId, lastTxId),
                    config.timeouts().finalizeSegmentMs(),
                    "finalizeSegment(" + firstTxId + "-" + lastTxId + ") of journal " + config.journalId());
            return null;
        });
    }

    @Override
    public void setOutputBufferCapacity(int size) {
        if (size <= 0 || size > ClientConfig.MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("output buffer capacity " + size + " must be between 1 and "
                    + ClientConfig.MAX_BATCH_BYTES + " bytes (the largest batch a JournalNode accepts)");
        }
        bufferCapacity = size;
    }

    @Override
    public void selectInputStreams(
            Collection<EditLogInputStream> streams, long fromTxId, boolean inProgressOk, boolean onlyDurableTxns)
            throws IOException {
        try {
            guard("selectInputStreams(" + fromTxId + ")", () -> {
                selector.select(streams, fromTxId, inProgressOk, onlyDurableTxns);
                return null;
            });
        } catch (InterruptedIOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw e; // a timeout (SocketTimeoutException is one), not an interrupt
            }
            // Hadoop stops its edit-log tailer (standby shutdown, promotion) by interrupting it, and a
            // tailing reader spends most of its time parked in the tail long poll. Hadoop's JournalSet
            // takes a journal that throws here for one without streams, logging the exception and its
            // stack as a warning; answering "no streams" gives it the same result without the alarm.
            // The interrupt stays set (checked above), so the tailer still stops.
            LOG.info(
                    "Journal {}: selecting edits from txid {} was interrupted (the NameNode is stopping this"
                            + " reader); no edits this time",
                    config.journalId(),
                    fromTxId);
        }
    }

    @Override
    public void purgeLogsOlderThan(long minTxIdToKeep) throws IOException {
        guard("purgeLogsOlderThan", () -> {
            LOG.info("Journal {}: purging segments older than txid {}", config.journalId(), minTxIdToKeep);
            channels.send(c -> c.purge(minTxIdToKeep))
                    .forEach((c, f) -> f.whenComplete((v, e) -> {
                        if (e != null) {
                            LOG.warn(
                                    "Journal {}: purge below txid {} on {} failed: {}",
                                    config.journalId(),
                                    minTxIdToKeep,
                                    c,
                                    e.getMessage());
                        }
                    }));
            return null;
        });
    }

    @Override
    public void discardSegments(long startTxId) throws IOException {
        guard("discardSegments", () -> {
            channels.all(
                    c -> c.discardSegments(startTxId),
                    config.timeouts().operationsMs(),
                    "discardSegments(from " + startTxId + ") of journal " + config.journalId());
            return null;
        });
    }

    private long upgradeCall(UpgradeOp op, NamespaceMeta storage, NamespaceMeta previous, int target)
            throws IOException {
        return guard(op.toString(), () -> {
            Map<JournalChannel, Long> answers = channels.all(
                    c -> c.upgrade(op, storage, previous, target),
                    config.timeouts().operationsMs(),
                    op + " of journal " + config.journalId());
            if (new HashSet<>(answers.values()).size() > 1) {
                throw new IOException(
                        "JournalNodes of journal " + config.journalId() + " disagree on " + op + ": " + answers);
            }
            return answers.values().iterator().next();
        });
    }

    private NamespaceMeta own() {
        return NamespaceMapping.of(namespace);
    }

    @Override
    public void doPreUpgrade() throws IOException {
        upgradeCall(UpgradeOp.PRE_UPGRADE, own(), own(), 0);
    }

    @Override
    public void doUpgrade(Storage storage) throws IOException {
        upgradeCall(UpgradeOp.UPGRADE, NamespaceMapping.of(storage), own(), 0);
    }

    @Override
    public void doFinalize() throws IOException {
        upgradeCall(UpgradeOp.FINALIZE, own(), own(), 0);
    }

    @Override
    public boolean canRollBack(StorageInfo storage, StorageInfo prevStorage, int targetLayoutVersion)
            throws IOException {
        return upgradeCall(
                        UpgradeOp.CAN_ROLL_BACK,
                        NamespaceMapping.of(storage),
                        NamespaceMapping.of(prevStorage),
                        targetLayoutVersion)
                != 0;
    }

    @Override
    public void doRollback() throws IOException {
        upgradeCall(UpgradeOp.ROLL_BACK, own(), own(), 0);
    }

    @Override
    public long getJournalCTime() throws IOException {
        return upgradeCall(UpgradeOp.GET_CTIME, own(), own(), 0);
    }

    @Override
    public void close() throws IOException {
        State was = state.getAndSet(State.CLOSED);
        if (was == State.CLOSED) {
            return;
        }
        LOG.info("Journal {}: {} -> CLOSED", config.journalId(), was);
        try {
            channels.close();
            writerLinks.close();
        } catch (RuntimeException e) {
            LOG.warn("Journal {}: closing channels failed: {}", config.journalId(), e.toString());
        } finally {
            SharedEventLoops.release();
        }
    }

    /** The channels (for tests). */
    ChannelSet channels() {
        return channels;
    }

    @Override
    public String toString() {
        return "qjm-kit QuorumJournal to [" + channels + "]/" + config.journalId();
    }
}
