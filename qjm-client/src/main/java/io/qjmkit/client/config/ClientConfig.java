package io.qjmkit.client.config;

import io.qjmkit.protocol.codec.FrameDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;

/**
 * The validated settings of one {@code QuorumJournal}: where the JournalNodes are, which journal to
 * use, and how long each quorum step may take. Built by {@link #from}, which rejects a bad URI or
 * value with a message naming the key and the expected form.
 */
public record ClientConfig(
        String journalId,
        List<InetSocketAddress> journalNodes,
        Timeouts timeouts,
        boolean inProgressTailing,
        long catchupBufferBytes,
        int readChunkBytes,
        int connectTimeoutMs,
        int tailWaitMs) {

    public static final String CATCHUP_BUFFER_KEY = "qjmkit.client.catchup-buffer.bytes";
    public static final long CATCHUP_BUFFER_DEFAULT = 64L * 1024 * 1024;
    public static final String READ_CHUNK_KEY = "qjmkit.client.read-chunk.bytes";
    public static final int READ_CHUNK_DEFAULT = 1024 * 1024;
    public static final String READ_TIMEOUT_KEY = "qjmkit.client.read-edits.timeout.ms";
    public static final int READ_TIMEOUT_DEFAULT = 20_000;
    public static final String CONNECT_TIMEOUT_KEY = "qjmkit.client.connect.timeout.ms";
    public static final int CONNECT_TIMEOUT_DEFAULT = 5_000;
    /**
     * How long a tailing standby's read may wait at a JournalNode for new edits (a long poll); 0
     * turns the long poll off and tails through manifests only.
     */
    public static final String TAIL_WAIT_KEY = "qjmkit.client.tail.wait.ms";

    public static final int TAIL_WAIT_DEFAULT = 500;
    /** Room left in a frame for the request's own fields around the edits. */
    public static final int FRAME_OVERHEAD_BYTES = 64 * 1024;
    /** The largest batch of edits one JOURNAL request may carry. */
    public static final int MAX_BATCH_BYTES = FrameDecoder.MAX_FRAME_BYTES - FRAME_OVERHEAD_BYTES;

    public ClientConfig {
        journalNodes = List.copyOf(journalNodes);
    }

    /** How many JournalNodes make a majority. */
    public int majority() {
        return journalNodes.size() / 2 + 1;
    }

    /**
     * Parses {@code uri} (the value of {@code dfs.namenode.shared.edits.dir}) and the keys of
     * {@code conf}.
     *
     * @throws IllegalArgumentException naming the key and the expected form when something is wrong
     */
    public static ClientConfig from(Configuration conf, URI uri) {
        JournalUri parsed = JournalUri.parse(uri);
        Timeouts timeouts = Timeouts.from(conf);
        long catchup = conf.getLong(CATCHUP_BUFFER_KEY, CATCHUP_BUFFER_DEFAULT);
        if (catchup < 0) {
            throw new IllegalArgumentException(CATCHUP_BUFFER_KEY + " must be >= 0 bytes, got " + catchup);
        }
        int chunk = conf.getInt(READ_CHUNK_KEY, READ_CHUNK_DEFAULT);
        if (chunk < 4096 || chunk > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException(
                    READ_CHUNK_KEY + " must be between 4096 and " + MAX_BATCH_BYTES + " bytes, got " + chunk);
        }
        int connect = positive(conf, CONNECT_TIMEOUT_KEY, CONNECT_TIMEOUT_DEFAULT);
        boolean tailing = conf.getBoolean(
                DFSConfigKeys.DFS_HA_TAILEDITS_INPROGRESS_KEY, DFSConfigKeys.DFS_HA_TAILEDITS_INPROGRESS_DEFAULT);
        int tailWait = conf.getInt(TAIL_WAIT_KEY, TAIL_WAIT_DEFAULT);
        if (tailWait < 0 || tailWait > 10_000) {
            throw new IllegalArgumentException(
                    TAIL_WAIT_KEY + " must be between 0 (no long poll) and 10000 milliseconds, got " + tailWait);
        }
        return new ClientConfig(
                parsed.journalId(), parsed.addresses(), timeouts, tailing, catchup, chunk, connect, tailWait);
    }

    static int positive(Configuration conf, String key, int def) {
        int v = conf.getInt(key, def);
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number of milliseconds, got " + v);
        }
        return v;
    }
}
