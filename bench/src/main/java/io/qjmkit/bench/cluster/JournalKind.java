package io.qjmkit.bench.cluster;

import io.qjmkit.bench.report.Measurement;
import io.qjmkit.client.QuorumJournal;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.qjournal.client.QuorumJournalManager;
import org.apache.hadoop.hdfs.server.namenode.JournalManager;
import org.apache.hadoop.hdfs.server.protocol.NamespaceInfo;

/**
 * The two quorum journals compared: which JournalNode process to run and which {@link JournalManager}
 * the NameNode loads for the {@code qjournal} scheme. Everything else is identical between them.
 */
public enum JournalKind {
    QJM_KIT(Measurement.QJM_KIT, "io.qjmkit.journalnode.JournalNodeMain", QuorumJournal.class.getName()),
    HADOOP(
            Measurement.HADOOP,
            "org.apache.hadoop.hdfs.qjournal.server.JournalNode",
            QuorumJournalManager.class.getName());

    private final String label;
    private final String journalNodeMain;
    private final String pluginClass;

    JournalKind(String label, String journalNodeMain, String pluginClass) {
        this.label = label;
        this.journalNodeMain = journalNodeMain;
        this.pluginClass = pluginClass;
    }

    /** The name used in results ({@code qjm-kit} or {@code hadoop}). */
    public String label() {
        return label;
    }

    public String journalNodeMain() {
        return journalNodeMain;
    }

    public String classpath(Distribution dist) {
        return this == QJM_KIT ? dist.journalNodeClasspath() : dist.hadoopClasspath();
    }

    /** Points the {@code qjournal} plugin key at this kind's journal manager. */
    public void configurePlugin(Configuration conf) {
        conf.set(DFSConfigKeys.DFS_NAMENODE_EDITS_PLUGIN_PREFIX + ".qjournal", pluginClass);
    }

    /** A journal manager of this kind, as the NameNode would construct it. */
    public JournalManager newJournalManager(Configuration conf, URI uri, NamespaceInfo ns) throws IOException {
        return this == QJM_KIT ? new QuorumJournal(conf, uri, ns, null) : new QuorumJournalManager(conf, uri, ns, null);
    }
}
