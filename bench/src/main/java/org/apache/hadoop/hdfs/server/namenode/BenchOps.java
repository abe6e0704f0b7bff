package org.apache.hadoop.hdfs.server.namenode;

import java.io.IOException;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.permission.PermissionStatus;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * Real NameNode mkdir ops of a fixed serialized size for the journal benchmark. Lives in Hadoop's
 * package because the op classes and their setters are package-private there. One instance per
 * writer thread: the op is reused and only its transaction id changes, so building ops costs the
 * same for both journals and allocates nothing per write.
 */
public final class BenchOps {
    public static final int LAYOUT_VERSION = NameNodeLayoutVersion.CURRENT_LAYOUT_VERSION;

    private final FSEditLogOp.MkdirOp op;

    /** Ops whose framed size is as close to {@code targetBytes} as a path length allows. */
    public BenchOps(int targetBytes) {
        op = newOp("/b");
        StringBuilder path = new StringBuilder("/bench/d");
        while (framedSize() < targetBytes) {
            path.append('x');
            op.setPath(path.toString());
        }
    }

    private static FSEditLogOp.MkdirOp newOp(String path) {
        FSEditLogOp.OpInstanceCache cache = new FSEditLogOp.OpInstanceCache();
        cache.disableCache();
        return FSEditLogOp.MkdirOp.getInstance(cache)
                .setInodeId(16_386L)
                .setPath(path)
                .setTimestamp(1_700_000_000_000L)
                .setPermissionStatus(new PermissionStatus("hdfs", "supergroup", FsPermission.getDirDefault()));
    }

    /** The (reused) op, carrying {@code txId}. */
    public FSEditLogOp op(long txId) {
        op.setTransactionId(txId);
        return op;
    }

    /** Bytes one op takes in the edit log: opcode, length, txid, body and checksum. */
    public int framedSize() {
        try {
            DataOutputBuffer buf = new DataOutputBuffer();
            op.setTransactionId(1);
            new FSEditLogOp.Writer(buf).writeOp(op, LAYOUT_VERSION);
            return buf.getLength();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a mkdir op", e);
        }
    }
}
