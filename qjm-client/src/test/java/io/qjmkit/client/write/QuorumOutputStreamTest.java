package io.qjmkit.client.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.client.channel.Batch;
import io.qjmkit.client.channel.ChannelSet;
import io.qjmkit.client.quorum.QuorumException;
import io.qjmkit.client.testing.FakeChannel;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.edits.ScanResult;
import java.util.List;
import org.apache.hadoop.hdfs.server.namenode.HadoopOps;
import org.junit.jupiter.api.Test;

class QuorumOutputStreamTest {
    private final FakeChannel jn1 = new FakeChannel("jn1:1");
    private final FakeChannel jn2 = new FakeChannel("jn2:2");
    private final FakeChannel jn3 = new FakeChannel("jn3:3");
    private final ChannelSet set = new ChannelSet(List.of(jn1, jn2, jn3));

    private QuorumOutputStream stream(int capacity) throws Exception {
        return new QuorumOutputStream(set, "j", 1, HadoopOps.LAYOUT_VERSION, capacity, 1000);
    }

    @Test
    void flushSendsOneBatchOfValidHadoopFramedOpsToEveryNode() throws Exception {
        QuorumOutputStream out = stream(512 * 1024);
        for (long t = 1; t <= 3; t++) {
            out.write(HadoopOps.mkdir(t));
        }
        out.setReadyToFlush();
        out.flush();
        for (FakeChannel c : List.of(jn1, jn2, jn3)) {
            assertThat(c.journaled).hasSize(1);
            Batch b = c.journaled.get(0);
            assertThat(b.firstTxId()).isEqualTo(1);
            assertThat(b.numTxns()).isEqualTo(3);
            ScanResult scan = OpFraming.scan(b.records(), 1);
            assertThat(scan.intact()).isTrue();
            assertThat(scan.opCount()).isEqualTo(3);
            assertThat(scan.validBytes()).isEqualTo(b.records().length);
            assertThat(b.records()).isEqualTo(HadoopOps.framed(1, 3));
        }
        assertThat(jn1.committed).isEqualTo(3);
    }

    @Test
    void opsWrittenDuringAFlushGoToTheNextBatch() throws Exception {
        QuorumOutputStream out = stream(512 * 1024);
        out.write(HadoopOps.mkdir(1));
        out.setReadyToFlush();
        out.write(HadoopOps.mkdir(2));
        out.flush();
        out.setReadyToFlush();
        out.flush();
        assertThat(jn2.journaled).extracting(Batch::firstTxId).containsExactly(1L, 2L);
    }

    @Test
    void flushSucceedsWithOneNodeDown() throws Exception {
        jn3.down = true;
        QuorumOutputStream out = stream(512 * 1024);
        out.write(HadoopOps.mkdir(1));
        out.setReadyToFlush();
        out.flush();
        assertThat(jn1.journaled).hasSize(1);
    }

    @Test
    void flushFailsFastWhenMajorityIsDown() throws Exception {
        jn2.down = true;
        jn3.down = true;
        QuorumOutputStream out = stream(512 * 1024);
        out.write(HadoopOps.mkdir(1));
        out.setReadyToFlush();
        long start = System.nanoTime();
        assertThatThrownBy(out::flush)
                .isInstanceOf(QuorumException.class)
                .hasMessageContaining("jn2:2: cannot connect")
                .hasMessageContaining("jn3:3");
        assertThat(System.nanoTime() - start).isLessThan(500_000_000L);
    }

    @Test
    void writeRawCountsTheOpsItCarries() throws Exception {
        QuorumOutputStream out = stream(512 * 1024);
        byte[] raw = HadoopOps.framed(1, 4);
        out.writeRaw(raw, 0, raw.length);
        out.setReadyToFlush();
        out.flush();
        assertThat(jn1.journaled.get(0).numTxns()).isEqualTo(4);
    }

    @Test
    void writeRawRejectsTornOps() throws Exception {
        QuorumOutputStream out = stream(512 * 1024);
        byte[] raw = HadoopOps.framed(1, 2);
        assertThatThrownBy(() -> out.writeRaw(raw, 0, raw.length - 3)).hasMessageContaining("not whole");
    }

    @Test
    void shouldForceSyncOnceTheBufferReachesItsCapacity() throws Exception {
        QuorumOutputStream out = stream(200);
        assertThat(out.shouldForceSync()).isFalse();
        long t = 1;
        while (!out.shouldForceSync()) {
            out.write(HadoopOps.mkdir(t++));
        }
        assertThat(t).isGreaterThan(2);
    }

    @Test
    void oversizedBatchIsSplitAtOpBoundaries() throws Exception {
        QuorumOutputStream out = new QuorumOutputStream(set, "j", 1, HadoopOps.LAYOUT_VERSION, 512 * 1024, 1000, 300);
        for (long t = 1; t <= 10; t++) {
            out.write(HadoopOps.mkdir(t));
        }
        out.setReadyToFlush();
        out.flush();
        assertThat(jn1.journaled.size()).isGreaterThan(1);
        long next = 1;
        for (Batch b : jn1.journaled) {
            assertThat(b.records().length).isLessThanOrEqualTo(300);
            assertThat(b.firstTxId()).isEqualTo(next);
            assertThat(OpFraming.scan(b.records(), next).opCount()).isEqualTo(b.numTxns());
            next = b.lastTxId() + 1;
        }
        assertThat(next).isEqualTo(11);
    }

    @Test
    void createIsUnsupportedAndCloseRefusesUnflushedEdits() throws Exception {
        QuorumOutputStream out = stream(512 * 1024);
        assertThatThrownBy(() -> out.create(1)).isInstanceOf(UnsupportedOperationException.class);
        out.write(HadoopOps.mkdir(1));
        assertThatThrownBy(out::close).hasMessageContaining("still to flush");
        out.abort();
        assertThatThrownBy(() -> out.write(HadoopOps.mkdir(2))).hasMessageContaining("closed");
    }

    @Test
    void reportNamesEveryJournalNode() throws Exception {
        assertThat(stream(100).generateReport()).contains("jn1:1", "jn2:2", "jn3:3", "txid 1");
    }
}
