package io.qjmkit.testkit;

import io.qjmkit.journalnode.JournalNode;
import io.qjmkit.journalnode.config.JournalNodeConfig;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * N in-process JournalNodes on 127.0.0.1, each with its own storage below a base directory and
 * the others as sync peers. Ports are chosen once and kept across restarts, so a quorum URI stays
 * valid while nodes are stopped, wiped and restarted.
 *
 * <pre>{@code
 * try (MiniJournalCluster jns = MiniJournalCluster.builder().baseDir(tmp).build()) {
 *     jns.start();
 *     URI uri = jns.quorumUri("ns1");
 * }
 * }</pre>
 */
public final class MiniJournalCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final int count;
    private final Path baseDir;
    private final Duration syncInterval;
    private final boolean syncEnabled;
    private final JournalMetrics metrics;
    private final int[] ports;
    private final JournalNode[] nodes;

    private MiniJournalCluster(Builder b) {
        this.count = b.nodes;
        this.baseDir = b.baseDir;
        this.syncInterval = b.syncInterval;
        this.syncEnabled = b.syncEnabled;
        this.metrics = b.metrics;
        this.ports = new int[count];
        this.nodes = new JournalNode[count];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts every node that is not running. */
    public synchronized void start() throws IOException {
        for (int i = 0; i < count; i++) {
            if (ports[i] == 0) {
                ports[i] = freePort();
            }
        }
        for (int i = 0; i < count; i++) {
            if (nodes[i] == null) {
                startNode(i);
            }
        }
    }

    private void startNode(int i) throws IOException {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (k != i) {
                peers.add(new InetSocketAddress(HOST, ports[k]));
            }
        }
        JournalNodeConfig config = new JournalNodeConfig(
                nodeDir(i),
                new InetSocketAddress(HOST, ports[i]),
                new InetSocketAddress(HOST, 0),
                peers,
                syncEnabled,
                syncInterval);
        JournalNode node = new JournalNode(config, metrics);
        node.start();
        nodes[i] = node;
    }

    /** Stops node {@code i} (releasing its port and files); a no-op when it is stopped. */
    public synchronized void stopNode(int i) {
        check(i);
        if (nodes[i] != null) {
            nodes[i].close();
            nodes[i] = null;
        }
    }

    /** Stops (if running) and starts node {@code i} on the same port and storage. */
    public synchronized void restartNode(int i) throws IOException {
        stopNode(i);
        startNode(i);
    }

    /** Deletes node {@code i}'s storage; the node must be stopped. */
    public synchronized void wipeNode(int i) throws IOException {
        check(i);
        if (nodes[i] != null) {
            throw new IllegalStateException("stop JournalNode " + i + " before wiping it");
        }
        Path dir = nodeDir(i);
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The running node {@code i}, or null when stopped. */
    public synchronized JournalNode journalNode(int i) {
        check(i);
        return nodes[i];
    }

    /** Tail reads parked on the running nodes, waiting for new edits. */
    public synchronized int parkedTailReads() {
        int n = 0;
        for (JournalNode node : nodes) {
            n += node == null ? 0 : node.parkedTailReads();
        }
        return n;
    }

    public int nodeCount() {
        return count;
    }

    /** Node {@code i}'s RPC address (stable across restarts). */
    public InetSocketAddress rpcAddress(int i) {
        check(i);
        if (ports[i] == 0) {
            throw new IllegalStateException("start the cluster first");
        }
        return new InetSocketAddress(HOST, ports[i]);
    }

    /** The edits dir of node {@code i}. */
    public Path nodeDir(int i) {
        return baseDir.resolve("jn-" + i);
    }

    /** Node {@code i}'s directory for {@code journalId} ({@code <edits dir>/<journalId>}). */
    public Path storageDir(int i, String journalId) {
        check(i);
        return nodeDir(i).resolve(journalId);
    }

    /** {@code qjournal://127.0.0.1:p1;127.0.0.1:p2;.../journalId}. */
    public URI quorumUri(String journalId) {
        String hosts = IntStream.range(0, count)
                .mapToObj(i -> HOST + ":" + rpcAddress(i).getPort())
                .collect(Collectors.joining(";"));
        return URI.create("qjournal://" + hosts + "/" + journalId);
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < count; i++) {
            stopNode(i);
        }
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("JournalNode " + i + " of " + count);
        }
    }

    private static int freePort() {
        // Below the ephemeral range: a stopped node's port must still be free when it restarts.
        return ListenPorts.next();
    }

    /** Options of a {@link MiniJournalCluster}. */
    public static final class Builder {
        private int nodes = 3;
        private Path baseDir;
        private Duration syncInterval = Duration.ofMillis(500);
        private boolean syncEnabled = true;
        private JournalMetrics metrics = JournalMetrics.NONE;

        public Builder nodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("nodes must be >= 1, got " + n);
            }
            this.nodes = n;
            return this;
        }

        public Builder baseDir(Path dir) {
            this.baseDir = dir;
            return this;
        }

        public Builder syncInterval(Duration d) {
            this.syncInterval = d;
            return this;
        }

        public Builder syncEnabled(boolean enabled) {
            this.syncEnabled = enabled;
            return this;
        }

        public Builder metrics(JournalMetrics m) {
            this.metrics = m;
            return this;
        }

        public MiniJournalCluster build() {
            if (baseDir == null) {
                throw new IllegalStateException("MiniJournalCluster needs baseDir(...)");
            }
            return new MiniJournalCluster(this);
        }
    }
}
