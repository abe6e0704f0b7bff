package org.apache.hadoop.hdfs.server.namenode;

import java.io.IOException;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.permission.PermissionStatus;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * Builds real NameNode ops for tests. Lives in Hadoop's package because the op classes and their
 * setters are package-private there.
 */
public final class HadoopOps {
    public static final int LAYOUT_VERSION = NameNodeLayoutVersion.CURRENT_LAYOUT_VERSION;

    private HadoopOps() {}

    /** A fresh (uncached) mkdir op for {@code /dir<txid>}. */
    public static FSEditLogOp mkdir(long txId) {
        FSEditLogOp.OpInstanceCache cache = new FSEditLogOp.OpInstanceCache();
        cache.disableCache();
        FSEditLogOp.MkdirOp op = FSEditLogOp.MkdirOp.getInstance(cache)
                .setInodeId(16384L + txId)
                .setPath(path(txId))
                .setTimestamp(1_700_000_000_000L + txId)
                .setPermissionStatus(new PermissionStatus("hdfs", "supergroup", FsPermission.getDirDefault()));
        op.setTransactionId(txId);
        return op;
    }

    public static String path(long txId) {
        return "/dir" + txId;
    }

    /** The path a mkdir op creates, or null for other ops. */
    public static String pathOf(FSEditLogOp op) {
        return op instanceof FSEditLogOp.MkdirOp m ? m.path : null;
    }

    /** Hadoop-framed bytes of mkdir ops {@code first..last}. */
    public static byte[] framed(long first, long last) throws IOException {
        DataOutputBuffer buf = new DataOutputBuffer();
        FSEditLogOp.Writer w = new FSEditLogOp.Writer(buf);
        for (long t = first; t <= last; t++) {
            w.writeOp(mkdir(t), LAYOUT_VERSION);
        }
        return java.util.Arrays.copyOf(buf.getData(), buf.getLength());
    }
}
