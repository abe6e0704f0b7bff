package io.qjmkit.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.qjournal.server.JournalNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin pointed at one of Hadoop's own JournalNodes, a mistake a migration can make (the
 * addresses and the URI scheme look alike): the NameNode's error must say what is wrong, not just
 * that a connection was lost.
 */
@Timeout(120)
class HadoopJournalNodeMistakeTest {
    @TempDir
    Path dir;

    @Test
    void formattingAHadoopJournalNodeFailsNamingTheLikelyMistake() throws Exception {
        Configuration conf = new Configuration();
        conf.set("dfs.journalnode.edits.dir", dir.toString());
        conf.set("dfs.journalnode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.journalnode.http-address", "127.0.0.1:0");
        JournalNode hadoop = new JournalNode();
        hadoop.setConf(conf);
        hadoop.start();
        try {
            InetSocketAddress rpc = hadoop.getBoundIpcAddress();
            URI uri = URI.create("qjournal://127.0.0.1:" + rpc.getPort() + "/ns1");
            try (QuorumJournal journal = new QuorumJournal(new Configuration(), uri, JournalHarness.NS, "ns1")) {
                assertThatThrownBy(() -> journal.format(JournalHarness.NS, false))
                        .hasStackTraceContaining("127.0.0.1:" + rpc.getPort())
                        .hasStackTraceContaining("without answering")
                        .hasStackTraceContaining("a Hadoop JournalNode closes a qjm-kit client's connection at once");
            }
        } finally {
            hadoop.stop(0);
        }
    }
}
