package io.qjmkit.client.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailChoiceTest {
    /** A served answer from a copy of segment {@code start} written in {@code epoch}, holding [from, last]. */
    private static TailChoice.Answer<String> held(String node, long epoch, long start, long from, long last, long c) {
        byte[] ops = new byte[(int) Math.max(0, last - from + 1)];
        return new TailChoice.Answer<>(
                node, new Responses.Tail(true, new SegmentInfo(start, last, true), epoch, c, -66, from, last, ops));
    }

    private static TailChoice.Answer<String> nothingNew(String node, long epoch, long start, long from) {
        return held(node, epoch, start, from, from - 1, -1);
    }

    @Test
    void readsWhatAMajorityOfTheClusterHolds() {
        TailChoice<String> c = TailChoice.of(List.of(held("a", 2, 1, 5, 9, -1), held("b", 2, 1, 5, 7, -1)), 2, 5);
        assertThat(c.node()).isEqualTo("a");
        assertThat(c.durableEnd()).isEqualTo(7);
    }

    @Test
    void nothingIsDurableWhileOnlyOneNodeHoldsItAndTheWriterHasNotCommittedIt() {
        assertThat(TailChoice.of(List.of(held("a", 2, 1, 5, 9, 4), nothingNew("b", 2, 1, 5)), 2, 5))
                .isNull();
    }

    @Test
    void theWritersCommitPointVouchesForASingleCopy() {
        TailChoice<String> c = TailChoice.of(List.of(held("a", 2, 1, 5, 9, 8), nothingNew("b", 2, 1, 5)), 2, 5);
        assertThat(c.durableEnd()).isEqualTo(8);
        TailChoice<String> capped = TailChoice.of(List.of(held("a", 2, 1, 5, 9, 30), nothingNew("b", 2, 1, 5)), 2, 5);
        assertThat(capped.durableEnd()).as("never past what the copy holds").isEqualTo(9);
    }

    @Test
    void aCopyFromAnOlderWriterNeverCountsEvenWhenLonger() {
        // "old" missed the writer change and still holds an unacknowledged tail of the same segment.
        TailChoice<String> c = TailChoice.of(
                List.of(held("old", 1, 1, 5, 20, 19), held("new", 2, 1, 5, 6, 6), held("new2", 2, 1, 5, 6, 5)), 2, 5);
        assertThat(c.node()).startsWith("new");
        assertThat(c.durableEnd()).isEqualTo(6);
        assertThat(TailChoice.of(List.of(held("old", 1, 1, 5, 20, 19), nothingNew("new", 2, 1, 5)), 2, 5))
                .as("the old copy's commit point does not vouch for it")
                .isNull();
    }

    @Test
    void aNodeStillInThePreviousSegmentHoldsNothingOfTheNewOne() {
        TailChoice<String> c = TailChoice.of(
                List.of(held("a", 3, 11, 11, 12, -1), nothingNew("b", 3, 1, 11), held("c", 3, 11, 11, 12, -1)), 2, 11);
        assertThat(c.durableEnd()).isEqualTo(12);
        assertThat(TailChoice.of(List.of(held("a", 3, 11, 11, 12, -1), nothingNew("b", 3, 1, 11)), 2, 11))
                .isNull();
    }

    @Test
    void noSegmentAnywhereMeansNothingToRead() {
        Responses.Tail none = new Responses.Tail(true, null, 0, -1, 0, 1, 0, new byte[0]);
        assertThat(TailChoice.of(List.of(new TailChoice.Answer<>("a", none), new TailChoice.Answer<>("b", none)), 2, 1))
                .isNull();
    }
}
