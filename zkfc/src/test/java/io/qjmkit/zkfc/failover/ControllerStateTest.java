package io.qjmkit.zkfc.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControllerStateTest {

    @Test
    void promotionAlwaysGoesThroughFencing() {
        assertThat(ControllerState.ELECTION.successors()).doesNotContain(ControllerState.ACTIVE);
        assertThat(ControllerState.STANDBY.successors())
                .doesNotContain(ControllerState.ACTIVE, ControllerState.FENCING);
        assertThat(ControllerState.FENCING.successors()).doesNotContain(ControllerState.ACTIVE);
    }

    @Test
    void everyStateButClosedCanClose() {
        for (ControllerState s : ControllerState.values()) {
            if (s != ControllerState.CLOSED) {
                assertThat(s.successors()).contains(ControllerState.CLOSED);
            }
        }
        assertThat(ControllerState.CLOSED.successors()).isEmpty();
    }
}
