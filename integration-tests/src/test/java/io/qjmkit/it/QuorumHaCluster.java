package io.qjmkit.it;

import io.qjmkit.client.QuorumJournal;
import io.qjmkit.testkit.MiniJournalCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSNNTopology;
import org.apache.hadoop.hdfs.server.namenode.NameNode;

/**
 * Two real Hadoop NameNodes (MiniDFSCluster, one JVM) whose shared edit log is a quorum of three
 * qjm-kit JournalNodes, loaded through the stock {@code dfs.namenode.edits.journal-plugin.qjournal}
 * hook. Standby tailing reads in-progress segments.
 */
final class QuorumHaCluster implements AutoCloseable {
    static final String NAMESERVICE = "ns1";
    /** The journal id the NameNodes use: the nameservice id, as Hadoop operators name it. */
    static final String NAMESPACE_JOURNAL = NAMESERVICE;

    final MiniJournalCluster journals;
    final MiniDFSCluster dfs;
    final Configuration conf;

    private QuorumHaCluster(MiniJournalCluster journals, MiniDFSCluster dfs, Configuration conf) {
        this.journals = journals;
        this.dfs = dfs;
        this.conf = conf;
    }

    static Configuration baseConf(URI sharedEdits) {
        Configuration conf = new HdfsConfiguration();
        conf.set(DFSConfigKeys.DFS_NAMENODE_SHARED_EDITS_DIR_KEY, sharedEdits.toString());
        conf.set(DFSConfigKeys.DFS_NAMENODE_EDITS_PLUGIN_PREFIX + ".qjournal", QuorumJournal.class.getName());
        conf.setBoolean(DFSConfigKeys.DFS_HA_TAILEDITS_INPROGRESS_KEY, true);
        conf.set(DFSConfigKeys.DFS_HA_TAILEDITS_PERIOD_KEY, "0");
        conf.set(DFSConfigKeys.DFS_HA_TAILEDITS_PERIOD_BACKOFF_MAX_KEY, "1ms");
        conf.setInt(DFSConfigKeys.DFS_HA_LOGROLL_PERIOD_KEY, -1);
        return conf;
    }

    static QuorumHaCluster start(Path baseDir, int dataNodes) throws IOException {
        MiniJournalCluster journals = MiniJournalCluster.builder()
                .nodes(3)
                .baseDir(baseDir.resolve("jn"))
                .build();
        journals.start();
        try {
            Configuration conf = baseConf(journals.quorumUri(NAMESERVICE));
            MiniDFSCluster dfs = new MiniDFSCluster.Builder(
                            conf, baseDir.resolve("dfs").toFile())
                    .nnTopology(MiniDFSNNTopology.simpleHATopology())
                    .manageNameDfsSharedDirs(false)
                    .numDataNodes(dataNodes)
                    .build();
            dfs.waitActive();
            return new QuorumHaCluster(journals, dfs, conf);
        } catch (IOException | RuntimeException e) {
            journals.close();
            throw e;
        }
    }

    NameNode nn(int i) {
        return dfs.getNameNode(i);
    }

    long lastWrittenTxId(int nn) {
        return nn(nn).getNamesystem().getFSImage().getEditLog().getLastWrittenTxId();
    }

    long lastAppliedTxId(int nn) {
        return nn(nn).getNamesystem().getFSImage().getLastAppliedTxId();
    }

    @Override
    public void close() throws IOException {
        try {
            dfs.shutdown();
        } finally {
            journals.close();
        }
    }
}
