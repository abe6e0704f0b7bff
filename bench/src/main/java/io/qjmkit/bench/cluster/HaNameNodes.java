package io.qjmkit.bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSNNTopology;
import org.apache.hadoop.hdfs.server.namenode.EditLogFileOutputStream;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An active and a standby NameNode in this JVM (MiniDFSCluster, no DataNodes) whose shared edit log
 * is the given quorum, with in-progress tailing. MiniDFSCluster turns fsync off for the whole JVM;
 * it is switched back on once the cluster is up, so the NameNode's local edits are durable as
 * deployed (the JournalNodes are separate processes and never skipped it).
 */
public final class HaNameNodes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HaNameNodes.class);
    public static final String NAMESERVICE = "ns1";

    private final MiniDFSCluster dfs;

    private HaNameNodes(MiniDFSCluster dfs) {
        this.dfs = dfs;
    }

    /** The configuration both kinds share; only the plugin class differs. */
    static Configuration conf(JournalKind kind, URI sharedEdits) {
        Configuration conf = new HdfsConfiguration();
        conf.set(DFSConfigKeys.DFS_NAMENODE_SHARED_EDITS_DIR_KEY, sharedEdits.toString());
        kind.configurePlugin(conf);
        conf.setBoolean(DFSConfigKeys.DFS_HA_TAILEDITS_INPROGRESS_KEY, true);
        conf.set(DFSConfigKeys.DFS_HA_TAILEDITS_PERIOD_KEY, "0");
        conf.set(DFSConfigKeys.DFS_HA_TAILEDITS_PERIOD_BACKOFF_MAX_KEY, "1ms");
        conf.setInt(DFSConfigKeys.DFS_HA_LOGROLL_PERIOD_KEY, -1);
        conf.setInt(DFSConfigKeys.DFS_NAMENODE_HANDLER_COUNT_KEY, 32);
        return conf;
    }

    public static HaNameNodes start(JournalKind kind, URI sharedEdits, Path baseDir) throws IOException {
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf(kind, sharedEdits), baseDir.toFile())
                .nnTopology(MiniDFSNNTopology.simpleHATopology())
                .manageNameDfsSharedDirs(false)
                .enableManagedDfsDirsRedundancy(false)
                .numDataNodes(0)
                .build();
        try {
            dfs.waitActive();
            dfs.transitionToActive(0);
            // MiniDFSCluster disabled fsync JVM-wide; durability is part of what is measured.
            EditLogFileOutputStream.setShouldSkipFsyncForTesting(false);
            LOG.info("{} HA NameNodes up (active nn0, standby nn1 tailing in-progress edits)", kind.label());
            return new HaNameNodes(dfs);
        } catch (IOException | RuntimeException e) {
            dfs.shutdown();
            throw e;
        }
    }

    public NameNode active() {
        return dfs.getNameNode(0);
    }

    public NameNode standby() {
        return dfs.getNameNode(1);
    }

    /** A new client of the active NameNode (its own connection). */
    public FileSystem newClient() throws IOException {
        return FileSystem.newInstance(dfs.getURI(0), dfs.getConfiguration(0));
    }

    @Override
    public void close() {
        dfs.shutdown();
    }
}
