package io.qjmkit.client.config;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;

/**
 * How long each quorum step may wait, read from Hadoop's own {@code dfs.qjournal.*} keys with
 * Hadoop's defaults so an existing {@code hdfs-site.xml} keeps its meaning.
 */
public record Timeouts(
        int startSegmentMs,
        int prepareRecoveryMs,
        int acceptRecoveryMs,
        int finalizeSegmentMs,
        int selectInputStreamsMs,
        int getJournalStateMs,
        int newEpochMs,
        int writeTxnsMs,
        int operationsMs,
        int readEditsMs) {

    static Timeouts from(Configuration conf) {
        long ops = conf.getTimeDuration(
                DFSConfigKeys.DFS_QJM_OPERATIONS_TIMEOUT,
                DFSConfigKeys.DFS_QJM_OPERATIONS_TIMEOUT_DEFAULT,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        if (ops <= 0 || ops > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(DFSConfigKeys.DFS_QJM_OPERATIONS_TIMEOUT
                    + " must be a positive duration below 2^31 ms, got " + ops);
        }
        return new Timeouts(
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_START_SEGMENT_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_START_SEGMENT_TIMEOUT_DEFAULT),
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_PREPARE_RECOVERY_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_PREPARE_RECOVERY_TIMEOUT_DEFAULT),
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_ACCEPT_RECOVERY_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_ACCEPT_RECOVERY_TIMEOUT_DEFAULT),
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_FINALIZE_SEGMENT_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_FINALIZE_SEGMENT_TIMEOUT_DEFAULT),
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_SELECT_INPUT_STREAMS_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_SELECT_INPUT_STREAMS_TIMEOUT_DEFAULT),
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_GET_JOURNAL_STATE_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_GET_JOURNAL_STATE_TIMEOUT_DEFAULT),
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_NEW_EPOCH_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_NEW_EPOCH_TIMEOUT_DEFAULT),
                ms(
                        conf,
                        DFSConfigKeys.DFS_QJOURNAL_WRITE_TXNS_TIMEOUT_KEY,
                        DFSConfigKeys.DFS_QJOURNAL_WRITE_TXNS_TIMEOUT_DEFAULT),
                (int) ops,
                ms(conf, ClientConfig.READ_TIMEOUT_KEY, ClientConfig.READ_TIMEOUT_DEFAULT));
    }

    private static int ms(Configuration conf, String key, int def) {
        return ClientConfig.positive(conf, key, def);
    }
}
