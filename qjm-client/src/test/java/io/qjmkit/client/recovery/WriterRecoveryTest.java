package io.qjmkit.client.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.protocol.message.Responses.NewEpoch;
import io.qjmkit.protocol.message.SegmentInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a new writer may skip the prepare/accept round: only when every promise names the same finalized segment. */
class WriterRecoveryTest {
    private static final SegmentInfo FINALIZED = new SegmentInfo(1, 3, false);

    @Test
    void everyPromiseNamingTheSameFinalizedSegmentNeedsNoRound() {
        assertThat(WriterRecovery.finalizedOnAll(
                        List.of(new NewEpoch(FINALIZED), new NewEpoch(new SegmentInfo(1, 3, false))), FINALIZED))
                .isTrue();
    }

    @Test
    void aNodeThatMissedTheFinalizeNeedsTheRound() {
        assertThat(WriterRecovery.finalizedOnAll(
                        List.of(new NewEpoch(FINALIZED), new NewEpoch(new SegmentInfo(1, 3, true))), FINALIZED))
                .isFalse();
    }

    @Test
    void aNodeWithoutTheSegmentNeedsTheRound() {
        assertThat(WriterRecovery.finalizedOnAll(List.of(new NewEpoch(FINALIZED), new NewEpoch(null)), FINALIZED))
                .isFalse();
        assertThat(WriterRecovery.finalizedOnAll(
                        List.of(new NewEpoch(FINALIZED), new NewEpoch(new SegmentInfo(1, 2, false))), FINALIZED))
                .isFalse();
    }

    @Test
    void anInProgressNewestSegmentAlwaysNeedsTheRound() {
        SegmentInfo open = new SegmentInfo(4, 9, true);
        assertThat(WriterRecovery.finalizedOnAll(List.of(new NewEpoch(open), new NewEpoch(open)), open))
                .isFalse();
    }
}
