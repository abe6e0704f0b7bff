package io.qjmkit.journalnode;

import io.netty.channel.EventLoopGroup;
import io.qjmkit.journalnode.config.JournalNodeConfig;
import io.qjmkit.journalnode.config.JournalNodeConfigLoader;
import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.server.JournalRegistry;
import io.qjmkit.journalnode.server.RequestDispatcher;
import io.qjmkit.journalnode.server.RpcServer;
import io.qjmkit.journalnode.status.JournalStatus;
import io.qjmkit.journalnode.status.StatusHttpServer;
import io.qjmkit.journalnode.storage.Disk;
import io.qjmkit.journalnode.storage.NioDisk;
import io.qjmkit.journalnode.sync.PeerProbe;
import io.qjmkit.journalnode.sync.PeerSync;
import io.qjmkit.journalnode.sync.RpcSegmentFetcher;
import io.qjmkit.protocol.codec.WirePreamble;
import io.qjmkit.protocol.transport.EventLoops;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JournalNode: the journals below {@code dfs.journalnode.edits.dir}, served over the journal
 * protocol, with a status endpoint and periodic peer sync. Construction does no I/O; {@link
 * #start()} loads storage and binds, {@link #close()} releases ports, threads and file handles.
 *
 * <pre>
 *   NEW --start--> STARTING --> RUNNING --close--> STOPPING --> STOPPED
 *   STARTING --(failure)--> STOPPING;   NEW --close--> STOPPED
 * </pre>
 */
public final class JournalNode implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalNode.class);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(20);

    /** Lifecycle of a JournalNode. */
    public enum State {
        NEW,
        STARTING,
        RUNNING,
        STOPPING,
        STOPPED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case NEW -> next == STARTING || next == STOPPED;
                case STARTING -> next == RUNNING || next == STOPPING;
                case RUNNING -> next == STOPPING;
                case STOPPING -> next == STOPPED;
                case STOPPED -> false;
            };
        }
    }

    private final JournalNodeConfig config;
    private final JournalMetrics metrics;
    private final Disk disk;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private volatile RequestDispatcher dispatcher;
    private EventLoopGroup clients;
    private ExecutorService readPool;
    private ScheduledExecutorService scheduler;
    private JournalRegistry registry;
    private RpcServer rpc;
    private StatusHttpServer http;
    private PeerSync sync;
    private volatile InetSocketAddress rpcAddress;
    private volatile InetSocketAddress httpAddress;

    public JournalNode(JournalNodeConfig config, JournalMetrics metrics) {
        this(config, metrics, NioDisk.INSTANCE);
    }

    /** As above with the disk seam injected (fault tests). */
    public JournalNode(JournalNodeConfig config, JournalMetrics metrics, Disk disk) {
        this.config = config;
        this.metrics = metrics;
        this.disk = disk;
    }

    private void moveTo(State next, String reason) {
        State prev = state.get();
        if (!prev.canMoveTo(next) || !state.compareAndSet(prev, next)) {
            throw new IllegalStateException("JournalNode: illegal state change " + prev + " -> " + next);
        }
        LOG.info("JournalNode {} -> {}: {}", prev, next, reason);
    }

    public State state() {
        return state.get();
    }

    /** Loads the journals, binds RPC and status HTTP and starts peer sync. */
    public synchronized void start() throws IOException {
        moveTo(State.STARTING, "edits dir " + config.editsDir() + ", rpc " + config.rpcAddress());
        try {
            boss = EventLoops.create("jn-accept", 1);
            workers = EventLoops.create("jn-rpc", 2);
            clients = EventLoops.create("jn-peer", 1);
            readPool = Executors.newFixedThreadPool(4, daemon("jn-read"));
            scheduler = Executors.newSingleThreadScheduledExecutor(daemon("jn-sync"));
            RpcSegmentFetcher fetcher = new RpcSegmentFetcher(clients, disk, PEER_TIMEOUT);
            registry = new JournalRegistry(config.editsDir(), disk, metrics, fetcher);
            registry.loadExisting();
            List<InetSocketAddress> peers = peersExcluding(config.rpcAddress());
            PeerProbe probe = config.syncEnabled() ? new PeerProbe(peers, clients, PEER_TIMEOUT) : PeerProbe.NONE;
            dispatcher = new RequestDispatcher(registry, readPool, metrics, probe);
            rpc = new RpcServer(boss, workers, dispatcher);
            rpcAddress = rpc.bind(config.rpcAddress());
            if (config.httpAddress() != null) {
                http = new StatusHttpServer(config.httpAddress(), this::statuses, metrics);
                httpAddress = http.start();
            }
            peers = peersExcluding(rpcAddress);
            if (config.syncEnabled() && !peers.isEmpty()) {
                sync = new PeerSync(
                        peers, config.syncInterval(), scheduler, registry::journals, fetcher, clients, PEER_TIMEOUT);
                sync.start();
            }
        } catch (IOException | RuntimeException e) {
            moveTo(State.STOPPING, "start failed: " + e.getMessage());
            release();
            moveTo(State.STOPPED, "start failed");
            throw e;
        }
        moveTo(
                State.RUNNING,
                "rpc on " + rpcAddress + " (wire version " + WirePreamble.VERSION + ")"
                        + (httpAddress == null ? "" : ", status on " + httpAddress));
    }

    private List<InetSocketAddress> peersExcluding(InetSocketAddress self) {
        if (self.getPort() == 0) {
            return config.peers();
        }
        return new JournalNodeConfigLoader().excludeSelf(config.peers(), self);
    }

    public InetSocketAddress rpcAddress() {
        return rpcAddress;
    }

    /** Tail reads waiting here for new edits right now (0 when not running). */
    public int parkedTailReads() {
        RequestDispatcher d = dispatcher;
        return d == null ? 0 : d.parkedTailReads();
    }

    /** The bound status HTTP address, or null when none was configured. */
    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    public JournalNodeConfig config() {
        return config;
    }

    /** The journal {@code id} if this node holds it (tests and tools), else null. */
    public Journal journal(String id) throws IOException {
        JournalRegistry.Lane lane = registry == null ? null : registry.find(id);
        return lane == null ? null : lane.journal();
    }

    /** A snapshot of every journal for the status endpoint. */
    public List<JournalStatus> statuses() {
        JournalRegistry r = registry;
        if (r == null) {
            return List.of();
        }
        return r.journals().stream()
                .map(Journal::status)
                .sorted(Comparator.comparing(JournalStatus::journalId))
                .toList();
    }

    /** Runs one peer-sync pass now (tests; the scheduler runs it every sync interval). */
    public void syncNow() {
        if (sync != null) {
            sync.syncAll();
        }
    }

    @Override
    public synchronized void close() {
        State s = state.get();
        if (s == State.STOPPED || s == State.STOPPING) {
            return;
        }
        if (s == State.NEW) {
            moveTo(State.STOPPED, "closed before start");
            return;
        }
        moveTo(State.STOPPING, "close");
        release();
        moveTo(State.STOPPED, "closed");
    }

    private void release() {
        if (sync != null) {
            sync.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (rpc != null) {
            rpc.close();
        }
        if (http != null) {
            http.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (readPool != null) {
            readPool.shutdownNow();
        }
        for (EventLoopGroup g : new EventLoopGroup[] {boss, workers, clients}) {
            if (g != null) {
                g.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
