package io.qjmkit.client.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses.Prepared;
import io.qjmkit.protocol.message.SegmentInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryChoiceTest {

    private static Prepared in(long start, long end, long accepted, long writer) {
        return new Prepared(new SegmentInfo(start, end, true), accepted, writer, 0);
    }

    private static Prepared fin(long start, long end) {
        return new Prepared(new SegmentInfo(start, end, false), 0, 1, 0);
    }

    private static Prepared none() {
        return new Prepared(null, 0, 1, 0);
    }

    private static Map<String, Prepared> answers(Prepared... ps) {
        Map<String, Prepared> m = new LinkedHashMap<>();
        for (int i = 0; i < ps.length; i++) {
            m.put("jn" + (i + 1), ps[i]);
        }
        return m;
    }

    @Test
    void nothingToRecoverWhenNoNodeHasTheSegment() {
        assertThat(RecoveryChoice.choose(1, answers(none(), none()))).isEmpty();
    }

    @Test
    void aSegmentBeatsNone() {
        assertThat(RecoveryChoice.choose(1, answers(none(), in(1, 0, 0, 1)))
                        .get()
                        .source())
                .isEqualTo("jn2");
    }

    @Test
    void finalizedBeatsLongerInProgress() {
        var c = RecoveryChoice.choose(1, answers(in(1, 9, 0, 5), fin(1, 5))).get();
        assertThat(c.source()).isEqualTo("jn2");
        assertThat(c.segment().inProgress()).isFalse();
    }

    @Test
    void theSourceEpochDatesAnInProgressChoiceButNeverAFinalizedOne() {
        var open = RecoveryChoice.choose(1, answers(in(1, 5, 3, 2), in(1, 5, 0, 2)))
                .get();
        assertThat(RecoveryChoice.sourceEpoch(open)).isEqualTo(3);
        var done = RecoveryChoice.choose(1, answers(in(1, 5, 0, 1), fin(1, 5))).get();
        assertThat(RecoveryChoice.sourceEpoch(done))
                .as("its node's last writer epoch (1) does not date what was finalized there")
                .isEqualTo(Requests.AcceptRecovery.UNKNOWN_EPOCH);
    }

    @Test
    void higherSeenEpochBeatsLongerCopy() {
        var c = RecoveryChoice.choose(1, answers(in(1, 9, 0, 2), in(1, 5, 3, 2)))
                .get();
        assertThat(c.source()).isEqualTo("jn2");
        assertThat(c.segment().endTxId()).isEqualTo(5);
    }

    @Test
    void lastWriterEpochCountsAsSeenEpoch() {
        var c = RecoveryChoice.choose(1, answers(in(1, 9, 2, 1), in(1, 4, 0, 3)))
                .get();
        assertThat(c.source()).isEqualTo("jn2");
    }

    @Test
    void longerCopyWinsInTheSameEpoch() {
        var c = RecoveryChoice.choose(1, answers(in(1, 3, 0, 1), in(1, 5, 0, 1), in(1, 4, 0, 1)))
                .get();
        assertThat(c.source()).isEqualTo("jn2");
    }

    @Test
    void emptySegmentIsStillChosenOverNone() {
        var c = RecoveryChoice.choose(101, answers(none(), in(101, 100, 0, 1))).get();
        assertThat(c.segment().isEmpty()).isTrue();
    }

    @Test
    void rejectsFinalizedCopiesOfDifferentLength() {
        assertThatThrownBy(() -> RecoveryChoice.choose(1, answers(fin(1, 5), fin(1, 6))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("differ");
    }

    @Test
    void rejectsChoiceThatWouldDropACommittedTxid() {
        Prepared knowsMore = new Prepared(new SegmentInfo(1, 3, true), 0, 1, 7);
        assertThatThrownBy(() -> RecoveryChoice.choose(1, answers(in(1, 5, 0, 2), knowsMore)))
                .hasMessageContaining("committed");
    }

    @Test
    void rejectsAnswerAboutAnotherSegment() {
        assertThatThrownBy(() -> RecoveryChoice.choose(1, answers(in(7, 9, 0, 1))))
                .hasMessageContaining("asked about segment 1");
    }
}
