package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.hdfs.server.namenode.NameNodeAdapter;
import org.apache.hadoop.hdfs.server.namenode.ha.BootstrapStandby;
import org.apache.hadoop.hdfs.server.namenode.ha.HATestUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Hadoop NameNodes on the qjm-kit quorum journal: the standby tails in-progress edits, a
 * manual failover keeps every acknowledged namespace operation, and a JournalNode that was down
 * catches up.
 */
class NameNodeQuorumJournalIT {
    @TempDir
    Path tmp;

    private QuorumHaCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static org.apache.hadoop.fs.Path dir(int i) {
        return new org.apache.hadoop.fs.Path("/it/d" + i);
    }

    private static void mkdirs(FileSystem fs, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            assertThat(fs.mkdirs(dir(i))).isTrue();
        }
    }

    private static void assertDirsExist(NameNode nn, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            assertThat(NameNodeAdapter.getFileInfo(nn, dir(i).toString(), false, false, false))
                    .as("directory %s on %s", dir(i), nn.getNameNodeAddress())
                    .isNotNull();
        }
    }

    private void awaitStandbyCaughtUp(int active, int standby) {
        long target = cluster.lastWrittenTxId(active);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.lastAppliedTxId(standby) >= target);
    }

    @Test
    void standbyTailsInProgressEditsAndFailoverKeepsEveryAcknowledgedOperation() throws Exception {
        cluster = QuorumHaCluster.start(tmp, 0);
        cluster.dfs.transitionToActive(0);
        FileSystem fs = HATestUtil.configureFailoverFs(cluster.dfs, cluster.conf);

        mkdirs(fs, 0, 200);
        // No log roll happens (dfs.ha.log-roll.period=-1): the standby can only see these edits by
        // tailing the in-progress segment.
        awaitStandbyCaughtUp(0, 1);
        assertDirsExist(cluster.nn(1), 0, 200);

        cluster.dfs.transitionToStandby(0);
        cluster.dfs.transitionToActive(1);
        assertDirsExist(cluster.nn(1), 0, 200);
        mkdirs(fs, 200, 250);
        awaitStandbyCaughtUp(1, 0);

        cluster.dfs.transitionToStandby(1);
        cluster.dfs.transitionToActive(0);
        assertDirsExist(cluster.nn(0), 0, 250);
        mkdirs(fs, 250, 260);
        assertDirsExist(cluster.nn(0), 0, 260);
    }

    @Test
    void writesContinueWithOneJournalNodeDownAndItCatchesUpWithinTheSegment() throws Exception {
        cluster = QuorumHaCluster.start(tmp, 0);
        cluster.dfs.transitionToActive(0);
        FileSystem fs = HATestUtil.configureFailoverFs(cluster.dfs, cluster.conf);
        mkdirs(fs, 0, 20);

        cluster.journals.stopNode(2);
        mkdirs(fs, 20, 120);
        cluster.journals.restartNode(2);
        mkdirs(fs, 120, 130);

        long lastTxId = cluster.lastWrittenTxId(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> JournalProbe.lastDurableTxId(cluster.journals, 2, QuorumHaCluster.NAMESPACE_JOURNAL)
                        >= lastTxId);

        // Standby still converges and a failover loses nothing.
        awaitStandbyCaughtUp(0, 1);
        cluster.dfs.transitionToStandby(0);
        cluster.dfs.transitionToActive(1);
        assertDirsExist(cluster.nn(1), 0, 130);
    }

    @Test
    void initializeSharedEditsRefillsWipedJournalNodesAndBootstrapStandbyCatchesUp() throws Exception {
        cluster = QuorumHaCluster.start(tmp, 0);
        cluster.dfs.transitionToActive(0);
        FileSystem fs = HATestUtil.configureFailoverFs(cluster.dfs, cluster.conf);
        mkdirs(fs, 0, 50);
        cluster.dfs.shutdownNameNodes();

        for (int i = 0; i < 3; i++) {
            cluster.journals.stopNode(i);
            cluster.journals.wipeNode(i);
            cluster.journals.restartNode(i);
        }
        boolean aborted = NameNode.initializeSharedEdits(cluster.dfs.getConfiguration(0), false);
        assertThat(aborted).as("initializeSharedEdits aborted").isFalse();

        cluster.dfs.restartNameNode(0);
        cluster.dfs.transitionToActive(0);
        assertDirsExist(cluster.nn(0), 0, 50);
        mkdirs(fs, 50, 60);

        for (URI nameDir : cluster.dfs.getNameDirs(1)) {
            FileUtil.fullyDelete(new File(nameDir));
        }
        int rc = BootstrapStandby.run(new String[] {"-force", "-nonInteractive"}, cluster.dfs.getConfiguration(1));
        assertThat(rc).as("bootstrapStandby exit code").isZero();
        cluster.dfs.restartNameNode(1);
        awaitStandbyCaughtUp(0, 1);
        assertDirsExist(cluster.nn(1), 0, 60);
    }
}
