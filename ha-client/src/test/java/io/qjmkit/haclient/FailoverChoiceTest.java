package io.qjmkit.haclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.haclient.FailoverChoice.Decision;
import io.qjmkit.haclient.FailoverChoice.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailoverChoiceTest {
    private final FailoverChoice choice = new FailoverChoice(List.of("nn1", "nn2", "nn3"));

    @Test
    void followsServingNameNodeOtherThanTheFailedOneAtOnce() {
        assertThat(choice.afterFailure(0, 0, Optional.of("nn3"), true))
                .isEqualTo(new Decision(Kind.FOLLOW_ZOOKEEPER, 2));
        assertThat(choice.afterFailure(0, 0, Optional.of("nn2"), false))
                .isEqualTo(new Decision(Kind.FOLLOW_ZOOKEEPER, 1));
    }

    @Test
    void waitsWhenZooKeeperStillNamesTheFailedNameNodeOrNothing() {
        assertThat(choice.afterFailure(1, 1, Optional.of("nn2"), true))
                .isEqualTo(new Decision(Kind.WAIT_FOR_ZOOKEEPER, 1));
        assertThat(choice.afterFailure(1, 1, Optional.empty(), true))
                .isEqualTo(new Decision(Kind.WAIT_FOR_ZOOKEEPER, 1));
    }

    @Test
    void goesRoundRobinWhenWaitingIsNotAllowed() {
        assertThat(choice.afterFailure(1, 1, Optional.of("nn2"), false)).isEqualTo(new Decision(Kind.ROUND_ROBIN, 2));
        assertThat(choice.afterFailure(2, 2, Optional.empty(), false)).isEqualTo(new Decision(Kind.ROUND_ROBIN, 0));
    }

    @Test
    void treatsAnUnknownServingIdAsNone() {
        assertThat(choice.afterFailure(0, 0, Optional.of("nn9"), true))
                .isEqualTo(new Decision(Kind.WAIT_FOR_ZOOKEEPER, 0));
        assertThat(choice.afterFailure(0, 0, Optional.of("nn9"), false)).isEqualTo(new Decision(Kind.ROUND_ROBIN, 1));
        assertThat(choice.preferred(2, Optional.of("nn9"))).isEqualTo(2);
    }

    @Test
    void followsServingEvenWhenTheFailedCallWentToAnOlderNameNode() {
        // calls had already moved to nn2 when a call on nn1 failed: ZooKeeper's nn2 is still right
        assertThat(choice.afterFailure(1, 0, Optional.of("nn2"), true))
                .isEqualTo(new Decision(Kind.FOLLOW_ZOOKEEPER, 1));
    }

    @Test
    void prefersTheServingNameNodeWhileNothingFailed() {
        assertThat(choice.preferred(0, Optional.of("nn3"))).isEqualTo(2);
        assertThat(choice.preferred(1, Optional.empty())).isEqualTo(1);
    }

    @Test
    void rejectsEmptyOrDuplicateConfigurations() {
        assertThatThrownBy(() -> new FailoverChoice(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailoverChoice(List.of("nn1", "nn1"))).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> choice.roundRobin(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
