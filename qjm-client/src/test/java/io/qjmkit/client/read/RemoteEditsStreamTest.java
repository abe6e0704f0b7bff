package io.qjmkit.client.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.client.testing.FakeChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOp;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOpCodes;
import org.apache.hadoop.hdfs.server.namenode.HadoopOps;
import org.junit.jupiter.api.Test;

class RemoteEditsStreamTest {

    /** The txids read; ops themselves are reused instances, as in Hadoop. */
    private static List<Long> readAll(RemoteEditsStream s) throws Exception {
        List<Long> ops = new ArrayList<>();
        FSEditLogOp op;
        while ((op = s.readOp()) != null) {
            assertThat(op.opCode).isEqualTo(FSEditLogOpCodes.OP_MKDIR);
            assertThat(HadoopOps.pathOf(op)).isEqualTo(HadoopOps.path(op.getTransactionId()));
            ops.add(op.getTransactionId());
        }
        return ops;
    }

    @Test
    void decodesHadoopOpsFetchedInSeveralChunks() throws Exception {
        FakeChannel jn = new FakeChannel("jn1:1").holding(1, 20, false, HadoopOps.framed(1, 20));
        RemoteEditsStream s = new RemoteEditsStream(jn, "j", 1, 1, 20, false, 200, 1000);
        assertThat(jn.readCalls.get()).as("opened lazily").isZero();
        assertThat(readAll(s)).containsExactlyElementsOf(range(1, 20));
        assertThat(jn.readCalls.get()).isGreaterThan(1);
        assertThat(s.getVersion(true)).isEqualTo(HadoopOps.LAYOUT_VERSION);
        assertThat(s.readOp()).isNull();
    }

    @Test
    void startsFetchingAtTheRequestedTxidAndStopsAtLastTxid() throws Exception {
        FakeChannel jn = new FakeChannel("jn1:1").holding(1, 20, true, HadoopOps.framed(1, 20));
        RemoteEditsStream s = new RemoteEditsStream(jn, "j", 1, 8, 12, true, 1 << 20, 1000);
        assertThat(s.getFirstTxId()).isEqualTo(1);
        assertThat(s.getLastTxId()).isEqualTo(12);
        assertThat(s.isInProgress()).isTrue();
        assertThat(readAll(s)).containsExactlyElementsOf(range(8, 12));
    }

    @Test
    void failsWithIoExceptionWhenTheNodeCannotServe() throws Exception {
        FakeChannel jn = new FakeChannel("jn1:1").holding(1, 5, false, HadoopOps.framed(1, 5));
        jn.down = true;
        RemoteEditsStream s = new RemoteEditsStream(jn, "j", 1, 1, 5, false, 1 << 20, 1000);
        assertThatThrownBy(s::readOp).isInstanceOf(java.io.IOException.class).hasMessageContaining("jn1:1");
    }

    @Test
    void failsWhenTheNodeHasFewerTxidsThanPromised() throws Exception {
        FakeChannel jn = new FakeChannel("jn1:1").holding(1, 3, true, HadoopOps.framed(1, 3));
        RemoteEditsStream s = new RemoteEditsStream(jn, "j", 1, 1, 5, true, 1 << 20, 1000);
        assertThatThrownBy(() -> {
                    while (s.readOp() != null) {}
                })
                .hasMessageContaining("expected");
    }

    static List<Long> range(long a, long b) {
        List<Long> l = new ArrayList<>();
        for (long t = a; t <= b; t++) {
            l.add(t);
        }
        return l;
    }
}
