package io.qjmkit.client.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.testkit.TestOps;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedBatchesTest {

    private static Batch batch(long first, int n) {
        return new Batch(first, n, TestOps.ops(first, n, 10));
    }

    @Test
    void resendStartsExactlyAtTheMissingTxidCuttingABatch() {
        RetainedBatches r = new RetainedBatches(1 << 20);
        r.reset();
        r.add(batch(1, 3));
        r.add(batch(4, 3));
        List<Batch> resend = r.from(3, 6);
        assertThat(resend).extracting(Batch::firstTxId).containsExactly(3L, 4L);
        assertThat(resend.get(0).numTxns()).isEqualTo(1);
        assertThat(OpFraming.scan(resend.get(0).records(), 3).opCount()).isEqualTo(1);
        assertThat(r.fromSegmentStart()).as("nothing was dropped").isTrue();
    }

    @Test
    void ackedBatchesAreDroppedAndNothingIsResentWhenTheNodeHasEverything() {
        RetainedBatches r = new RetainedBatches(1 << 20);
        r.reset();
        r.add(batch(1, 3));
        r.ackedUpTo(3);
        assertThat(r.bytes()).isZero();
        assertThat(r.from(4, 3)).isEmpty();
    }

    @Test
    void missingTxidsThatAreNoLongerHeldCannotBeResent() {
        RetainedBatches r = new RetainedBatches(1 << 20);
        r.reset();
        r.add(batch(1, 3));
        r.ackedUpTo(3);
        r.add(batch(4, 1));
        assertThat(r.from(2, 4)).isNull();
    }

    @Test
    void refusesABatchBeyondTheBoundAndDropsEverything() {
        Batch b = batch(1, 3);
        RetainedBatches r = new RetainedBatches(b.records().length + 1);
        r.reset();
        assertThat(r.add(b)).isTrue();
        assertThat(r.add(batch(4, 1))).isFalse();
        assertThat(r.bytes()).isZero();
    }

    @Test
    void zeroBoundKeepsNothingButNeverGivesUpByItself() {
        RetainedBatches r = new RetainedBatches(0);
        r.reset();
        assertThat(r.add(batch(1, 1))).isTrue();
        assertThat(r.bytes()).isZero();
    }
}
