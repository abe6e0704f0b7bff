package io.qjmkit.zkfc.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.fencing.FencingChain;
import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.health.HealthReport;
import io.qjmkit.zkfc.health.HealthState;
import io.qjmkit.zkfc.health.ProbeOrder;
import io.qjmkit.zkfc.target.NameNodeRef;
import io.qjmkit.zkfc.testing.DeterministicScheduler;
import io.qjmkit.zkfc.testing.FakeElector;
import io.qjmkit.zkfc.testing.FakeNameNodes;
import io.qjmkit.zkfc.testing.RecordingFenceMethod;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailoverControllerTest {
    private static final NameNodeRef NN1 = ref("nn1", 8020);
    private static final NameNodeRef NN2 = ref("nn2", 8021);
    private static final ControllerTimeouts TIMEOUTS = new ControllerTimeouts(500, 5000, 5000, 60000, 3000, true);

    private final DeterministicScheduler scheduler = new DeterministicScheduler();
    private final FakeNameNodes nameNodes = new FakeNameNodes();
    private final RecordingFenceMethod fenceMethod = new RecordingFenceMethod(true);
    private final ProbeOrder probeOrder = new ProbeOrder();
    private int freshChecksAsked;
    private FakeElector elector;
    private FailoverController controller;

    private static NameNodeRef ref(String id, int port) {
        return new NameNodeRef("ns1", id, InetSocketAddress.createUnresolved("127.0.0.1", port), 8019);
    }

    @BeforeEach
    void setUp() {
        controller = new FailoverController(
                NN1,
                nameNodes,
                listener -> elector = new FakeElector(listener),
                new OldActiveFencer(NN1, nameNodes, FencingChain.of(List.of(fenceMethod)), 5000),
                scheduler,
                TIMEOUTS,
                probeOrder,
                () -> freshChecksAsked++);
        controller.start();
        scheduler.runUntilIdle();
    }

    private void report(HealthState state, HAServiceState haState) {
        controller.healthChanged(new HealthReport(state, haState, "test", probeOrder.next()));
        scheduler.runUntilIdle();
    }

    private void healthyStandbyJoinsAndWins() {
        report(HealthState.HEALTHY, HAServiceState.STANDBY);
        assertThat(controller.state()).isEqualTo(ControllerState.ELECTION);
        elector.win();
        scheduler.runUntilIdle();
    }

    @Test
    void joinsElectionOnlyOnceNameNodeIsHealthy() {
        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);
        assertThat(elector.isJoined()).isFalse();

        report(HealthState.HEALTHY, HAServiceState.STANDBY);

        assertThat(elector.isJoined()).isTrue();
        assertThat(controller.state()).isEqualTo(ControllerState.ELECTION);
    }

    @Test
    void aReportBegunBeforeItsPromotionEndedDoesNotMakeTheNewActivePromoteItselfAgain() {
        // The monitor's last report (STANDBY) was taken before the promotion; whatever makes the
        // controller look again before the next probe (here the election repeating itself) must not
        // read it as the NameNode having gone back to standby.
        healthyStandbyJoinsAndWins();
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
        assertThat(freshChecksAsked)
                .as("a probe begun after the transition is asked for")
                .isEqualTo(1);
        List<String> callsBefore = nameNodes.calls();

        elector.win();
        scheduler.runUntilIdle();

        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
        assertThat(nameNodes.calls()).isEqualTo(callsBefore);
        assertThat(elector.servingCalls()).containsExactly("publish:nn1");
        assertThat(elector.serving()).contains(NN1);

        // A probe begun after the promotion that finds the NameNode standby is believed.
        report(HealthState.HEALTHY, HAServiceState.STANDBY);

        assertThat(elector.servingCalls()).containsSubsequence("publish:nn1", "withdraw:nn1", "publish:nn1");
        assertThat(nameNodes.calls().stream().filter("nn1:transitionToActive"::equals))
                .hasSize(2);
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
    }

    @Test
    void winnerFencesOtherBreadcrumbOwnerThenClaimsBreadcrumbAndPromotes() {
        elector.setBreadcrumb(NN2);
        nameNodes.node(NN2).reachable = false; // graceful standby fails: the chain must run

        healthyStandbyJoinsAndWins();

        assertThat(fenceMethod.fenced()).containsExactly(NN2.fenceTarget());
        assertThat(elector.breadcrumb()).contains(NN1);
        assertThat(nameNodes.calls()).containsSubsequence("nn2:transitionToStandby", "nn1:transitionToActive");
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.ACTIVE);
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
    }

    @Test
    void gracefulStandbyOfOldActiveMakesFencingChainUnnecessary() {
        elector.setBreadcrumb(NN2);
        nameNodes.node(NN2).state = HAServiceState.ACTIVE;

        healthyStandbyJoinsAndWins();

        assertThat(nameNodes.node(NN2).state).isEqualTo(HAServiceState.STANDBY);
        assertThat(fenceMethod.fenced()).isEmpty();
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
    }

    @Test
    void failedFencingMeansNoPromotionThenBackOffAndRejoin() {
        elector.setBreadcrumb(NN2);
        nameNodes.node(NN2).reachable = false;
        fenceMethod.setSucceeds(false);

        healthyStandbyJoinsAndWins();

        assertThat(nameNodes.calls()).doesNotContain("nn1:transitionToActive");
        assertThat(elector.breadcrumb()).contains(NN2);
        assertThat(elector.isJoined()).isFalse();
        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);

        scheduler.advance(TIMEOUTS.failureBackoffMs() - 1);
        assertThat(elector.isJoined()).isFalse();
        scheduler.advance(1);
        assertThat(elector.isJoined()).isTrue();
        assertThat(elector.joins()).isEqualTo(2);
        assertThat(controller.state()).isEqualTo(ControllerState.ELECTION);
    }

    @Test
    void frozenActiveThatResumesAfterAnotherWasPromotedIsDemoted() {
        // nn1 stopped answering while active elsewhere's view: nn2 has since been promoted.
        elector.setBreadcrumb(NN2);
        nameNodes.node(NN1).state = HAServiceState.ACTIVE;

        report(HealthState.HEALTHY, HAServiceState.ACTIVE);

        assertThat(elector.isJoined()).isTrue();
        assertThat(elector.isLeading()).isFalse();
        assertThat(nameNodes.calls()).contains("nn1:transitionToStandby");
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.STANDBY);
        assertThat(controller.state()).isEqualTo(ControllerState.ELECTION);
    }

    @Test
    void activeWhoseOwnBreadcrumbStandsIsNotDemotedWhileTheElectionIsUndecided() {
        elector.setBreadcrumb(NN1);
        nameNodes.node(NN1).state = HAServiceState.ACTIVE;

        report(HealthState.HEALTHY, HAServiceState.ACTIVE);

        assertThat(nameNodes.calls()).doesNotContain("nn1:transitionToStandby");
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.ACTIVE);
    }

    @Test
    void neverFencesItselfWhenBreadcrumbNamesLocalNameNode() {
        elector.setBreadcrumb(NN1);

        healthyStandbyJoinsAndWins();

        assertThat(fenceMethod.fenced()).isEmpty();
        assertThat(nameNodes.calls()).doesNotContain("nn1:transitionToStandby");
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
    }

    @Test
    void fencerRefusesToFenceTheLocalNameNode() {
        OldActiveFencer fencer = new OldActiveFencer(NN1, nameNodes, FencingChain.of(List.of(fenceMethod)), 5000);
        assertThatThrownBy(() -> fencer.fence(NN1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(fenceMethod.fenced()).isEmpty();
    }

    @Test
    void unhealthyActiveLeavesElectionAndGoesStandbyKeepingBreadcrumb() {
        healthyStandbyJoinsAndWins();
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);

        report(HealthState.UNHEALTHY, HAServiceState.ACTIVE);

        assertThat(elector.isJoined()).isFalse();
        assertThat(nameNodes.calls()).endsWith("nn1:transitionToStandby");
        assertThat(elector.breadcrumb()).contains(NN1);
        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);
    }

    @Test
    void notRespondingCandidateLeavesElection() {
        report(HealthState.HEALTHY, HAServiceState.STANDBY);
        report(HealthState.NOT_RESPONDING, HAServiceState.INITIALIZING);

        assertThat(elector.isJoined()).isFalse();
        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);
    }

    @Test
    void zooKeeperSuspendedOrLostNeverDemotesActive() {
        healthyStandbyJoinsAndWins();
        int callsBefore = nameNodes.calls().size();

        elector.disconnect("SUSPENDED");
        scheduler.runUntilIdle();
        elector.disconnect("LOST");
        scheduler.runUntilIdle();

        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
        assertThat(nameNodes.calls().subList(callsBefore, nameNodes.calls().size()))
                .doesNotContain("nn1:transitionToStandby");
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.ACTIVE);

        elector.reconnect();
        scheduler.runUntilIdle();
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);
    }

    @Test
    void suspendedWinnerDoesNotPromote() {
        report(HealthState.HEALTHY, HAServiceState.STANDBY);
        elector.win();
        elector.disconnect("SUSPENDED"); // arrives before the controller handles the win
        scheduler.runUntilIdle();

        assertThat(nameNodes.calls()).doesNotContain("nn1:transitionToActive");
        assertThat(controller.state()).isEqualTo(ControllerState.ELECTION);
    }

    @Test
    void electionLostWhileConnectedDemotesActive() {
        healthyStandbyJoinsAndWins();

        elector.lose();
        scheduler.runUntilIdle();

        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.STANDBY);
        assertThat(controller.state()).isEqualTo(ControllerState.ELECTION);
        assertThat(elector.isJoined()).isTrue();
    }

    @Test
    void observerNeverJoinsElection() {
        report(HealthState.HEALTHY, HAServiceState.OBSERVER);

        assertThat(elector.isJoined()).isFalse();
        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);
    }

    @Test
    void cedeActiveStepsDownDeletesBreadcrumbAndStaysOutForTheGivenTime() throws Exception {
        healthyStandbyJoinsAndWins();

        CompletableFuture<Void> ceded = controller.cedeActive(10_000);
        scheduler.runUntilIdle();

        assertThat(ceded).isCompleted();
        ceded.get();
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.STANDBY);
        assertThat(elector.breadcrumb()).isEmpty();
        assertThat(elector.isJoined()).isFalse();
        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);

        scheduler.advance(9_999);
        assertThat(elector.isJoined()).isFalse();
        scheduler.advance(1);
        assertThat(elector.isJoined()).isTrue();
    }

    @Test
    void cedeWithNonPositiveTimeRejoinsAtOnce() {
        report(HealthState.HEALTHY, HAServiceState.STANDBY);
        controller.cedeActive(60_000);
        scheduler.runUntilIdle();
        assertThat(elector.isJoined()).isFalse();

        controller.cedeActive(-1);
        scheduler.runUntilIdle();

        assertThat(elector.isJoined()).isTrue();
    }

    @Test
    void refusedTransitionToActiveStepsDownAndBacksOff() {
        nameNodes.node(NN1).refuseTransitionToActive = true;
        CompletableFuture<AttemptResult> attempt = controller.nextAttempt();

        healthyStandbyJoinsAndWins();

        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);
        assertThat(elector.isJoined()).isFalse();
        assertThat(attempt).isCompleted();
        assertThat(attempt.join().succeeded()).isFalse();
    }

    @Test
    void successfulPromotionCompletesAttemptWaiters() {
        CompletableFuture<AttemptResult> attempt = controller.nextAttempt();

        healthyStandbyJoinsAndWins();

        assertThat(attempt.join().succeeded()).isTrue();
    }

    @Test
    void standbyReportFromActiveNameNodeReentersElection() {
        healthyStandbyJoinsAndWins();
        elector.disconnect("LOST"); // session lost: no demotion...
        scheduler.runUntilIdle();
        assertThat(controller.state()).isEqualTo(ControllerState.ACTIVE);

        // ...but meanwhile another controller won and fenced our NameNode gracefully
        nameNodes.node(NN1).state = HAServiceState.STANDBY;
        report(HealthState.HEALTHY, HAServiceState.STANDBY);

        assertThat(controller.state()).isEqualTo(ControllerState.ELECTION);
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.STANDBY);
    }

    @Test
    void eligibilityCheckRejectsUnhealthyNameNode() {
        report(HealthState.UNHEALTHY, HAServiceState.STANDBY);
        CompletableFuture<Void> check = controller.checkEligibleForFailover();
        scheduler.runUntilIdle();

        assertThat(check).isCompletedExceptionally();
    }

    @Test
    void closeLeavesElectionWithoutTouchingTheNameNode() {
        healthyStandbyJoinsAndWins();
        int callsBefore = nameNodes.calls().size();

        CompletableFuture<Void> stopped = controller.stop();
        scheduler.runUntilIdle();

        assertThat(stopped).isCompleted();
        assertThat(controller.state()).isEqualTo(ControllerState.CLOSED);
        assertThat(elector.isJoined()).isFalse();
        assertThat(nameNodes.calls()).hasSize(callsBefore);
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.ACTIVE);
    }

    @Test
    void promotionPublishesServingEntryOnlyAfterTransitionToActive() {
        List<String> nameNodeCallsAtPublish = new ArrayList<>();
        elector.onServingCall(call -> nameNodeCallsAtPublish.addAll(nameNodes.calls()));

        healthyStandbyJoinsAndWins();

        assertThat(elector.serving()).contains(NN1);
        assertThat(elector.servingCalls()).containsExactly("publish:nn1");
        assertThat(nameNodeCallsAtPublish).endsWith("nn1:transitionToActive");
    }

    @Test
    void refusedPromotionPublishesNothing() {
        nameNodes.node(NN1).refuseTransitionToActive = true;

        healthyStandbyJoinsAndWins();

        assertThat(elector.serving()).isEmpty();
        assertThat(elector.servingCalls()).doesNotContain("publish:nn1");
    }

    @Test
    void cedeWithdrawsServingEntryBeforeTransitionToStandby() {
        healthyStandbyJoinsAndWins();
        List<String> nameNodeCallsAtWithdraw = new ArrayList<>();
        elector.onServingCall(call -> nameNodeCallsAtWithdraw.addAll(nameNodes.calls()));

        controller.cedeActive(10_000);
        scheduler.runUntilIdle();

        assertThat(elector.serving()).isEmpty();
        assertThat(elector.servingCalls()).endsWith("withdraw:nn1");
        assertThat(nameNodeCallsAtWithdraw).isNotEmpty().doesNotContain("nn1:transitionToStandby");
        assertThat(nameNodes.calls()).endsWith("nn1:transitionToStandby");
    }

    @Test
    void unhealthyOrDeadActiveWithdrawsServingEntry() {
        healthyStandbyJoinsAndWins();
        nameNodes.node(NN1).reachable = false;

        report(HealthState.NOT_RESPONDING, HAServiceState.INITIALIZING);

        assertThat(elector.serving()).isEmpty();
        assertThat(elector.servingCalls()).containsExactly("publish:nn1", "withdraw:nn1");
        assertThat(controller.state()).isEqualTo(ControllerState.STANDBY);
    }

    @Test
    void lostElectionWithdrawsServingEntry() {
        healthyStandbyJoinsAndWins();

        elector.lose();
        scheduler.runUntilIdle();

        assertThat(elector.serving()).isEmpty();
        assertThat(nameNodes.node(NN1).state).isEqualTo(HAServiceState.STANDBY);
    }

    @Test
    void steppingDownLeavesAnotherNameNodesServingEntryAlone() {
        healthyStandbyJoinsAndWins();
        elector.setServing(NN2); // a newer active wrote its entry while this controller lagged

        elector.lose();
        scheduler.runUntilIdle();

        assertThat(elector.servingCalls()).endsWith("withdraw:nn1");
        assertThat(elector.serving()).contains(NN2);
    }

    @Test
    void zooKeeperDisconnectKeepsServingEntry() {
        healthyStandbyJoinsAndWins();

        elector.disconnect("LOST");
        scheduler.runUntilIdle();

        assertThat(elector.servingCalls()).containsExactly("publish:nn1");
        assertThat(elector.serving()).contains(NN1);
    }
}
