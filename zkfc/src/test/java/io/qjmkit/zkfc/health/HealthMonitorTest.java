package io.qjmkit.zkfc.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.target.NameNodeRef;
import io.qjmkit.zkfc.testing.DeterministicScheduler;
import io.qjmkit.zkfc.testing.FakeNameNodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
    private static final NameNodeRef NN1 =
            new NameNodeRef("ns1", "nn1", InetSocketAddress.createUnresolved("127.0.0.1", 8020), 8019);
    private static final ControllerTimeouts TIMEOUTS = new ControllerTimeouts(500, 5000, 5000, 60000, 3000, true);

    private final DeterministicScheduler scheduler = new DeterministicScheduler();
    private final FakeNameNodes nameNodes = new FakeNameNodes();
    private final FakeProbe probe = new FakeProbe();
    private final List<HealthReport> reports = new ArrayList<>();
    private HealthMonitor monitor;

    /** A liveness probe the test opens, refuses or breaks. */
    static final class FakeProbe implements LivenessProbe {
        Consumer<String> onLost;
        boolean open;
        boolean refuse;

        @Override
        public void open(Consumer<String> lost) throws IOException {
            if (refuse) {
                throw new ConnectException("Connection refused");
            }
            onLost = lost;
            open = true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        void processExits() {
            open = false;
            onLost.accept("EOF on liveness connection");
        }
    }

    @BeforeEach
    void setUp() {
        monitor = new HealthMonitor(NN1, nameNodes, probe, scheduler, TIMEOUTS, new ProbeOrder(), reports::add);
    }

    @Test
    void firstSuccessfulPollReportsHealthyWithHaState() {
        monitor.start();
        scheduler.runUntilIdle();

        assertThat(reports).extracting(HealthReport::state).containsExactly(HealthState.HEALTHY);
        assertThat(reports.get(0).serviceState()).isEqualTo(HAServiceState.STANDBY);
    }

    @Test
    void pollsEveryCheckIntervalAndReportsOnlyChanges() {
        monitor.start();
        scheduler.runUntilIdle();
        scheduler.advance(TIMEOUTS.healthCheckIntervalMs() * 3);

        assertThat(nameNodes.calls().stream().filter("nn1:monitorHealth"::equals))
                .hasSize(4);
        assertThat(reports).hasSize(1);
    }

    @Test
    void aCheckAskedForIsReportedEvenUnchangedAndCarriesALaterTicket() {
        monitor.start();
        scheduler.runUntilIdle();

        monitor.checkNow();
        scheduler.runUntilIdle();

        assertThat(reports).hasSize(2);
        assertThat(reports.get(1).serviceState()).isEqualTo(reports.get(0).serviceState());
        assertThat(reports.get(1).ticket())
                .as("the asked-for probe began after the first one")
                .isGreaterThan(reports.get(0).ticket());
    }

    @Test
    void healthCheckFailureIsUnhealthyNotNotResponding() {
        nameNodes.node(NN1).healthy = false;
        monitor.start();
        scheduler.runUntilIdle();

        assertThat(reports).extracting(HealthReport::state).containsExactly(HealthState.UNHEALTHY);
    }

    @Test
    void rpcFailureIsNotResponding() {
        monitor.start();
        scheduler.runUntilIdle();
        nameNodes.node(NN1).reachable = false;
        scheduler.advance(TIMEOUTS.healthCheckIntervalMs());

        assertThat(reports)
                .extracting(HealthReport::state)
                .containsExactly(HealthState.HEALTHY, HealthState.NOT_RESPONDING);
    }

    @Test
    void livenessConnectionLossIsNotRespondingWithoutWaitingForAPoll() {
        monitor.start();
        scheduler.runUntilIdle();
        int polls = nameNodes.calls().size();

        probe.processExits();
        scheduler.runUntilIdle(); // no clock advance: no poll can have run

        assertThat(nameNodes.calls()).hasSize(polls);
        assertThat(reports)
                .extracting(HealthReport::state)
                .containsExactly(HealthState.HEALTHY, HealthState.NOT_RESPONDING);
    }

    @Test
    void refusedLivenessConnectionIsNotResponding() {
        probe.refuse = true;
        monitor.start();
        scheduler.runUntilIdle();

        assertThat(reports).extracting(HealthReport::state).containsExactly(HealthState.NOT_RESPONDING);
    }

    @Test
    void recoversToHealthyWhenNameNodeComesBack() {
        probe.refuse = true;
        monitor.start();
        scheduler.runUntilIdle();
        probe.refuse = false;
        scheduler.advance(TIMEOUTS.healthCheckIntervalMs());

        assertThat(reports)
                .extracting(HealthReport::state)
                .containsExactly(HealthState.NOT_RESPONDING, HealthState.HEALTHY);
        assertThat(probe.isOpen()).isTrue();
    }

    @Test
    void haStateChangeIsReportedEvenWhileHealthy() {
        monitor.start();
        scheduler.runUntilIdle();
        nameNodes.node(NN1).state = HAServiceState.ACTIVE;
        scheduler.advance(TIMEOUTS.healthCheckIntervalMs());

        assertThat(reports)
                .extracting(HealthReport::serviceState)
                .containsExactly(HAServiceState.STANDBY, HAServiceState.ACTIVE);
    }

    @Test
    void closeStopsPolling() {
        monitor.start();
        scheduler.runUntilIdle();
        monitor.close();
        scheduler.runUntilIdle();
        int calls = nameNodes.calls().size();
        scheduler.advance(10 * TIMEOUTS.healthCheckIntervalMs());

        assertThat(nameNodes.calls()).hasSize(calls);
    }
}
