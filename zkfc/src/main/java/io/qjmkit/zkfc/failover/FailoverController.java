package io.qjmkit.zkfc.failover;

import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.election.BreadcrumbRead;
import io.qjmkit.zkfc.election.ElectionEvent;
import io.qjmkit.zkfc.election.ElectionException;
import io.qjmkit.zkfc.election.ElectionListener;
import io.qjmkit.zkfc.election.Elector;
import io.qjmkit.zkfc.health.HealthListener;
import io.qjmkit.zkfc.health.HealthReport;
import io.qjmkit.zkfc.health.ProbeOrder;
import io.qjmkit.zkfc.target.NameNodeConnector;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.apache.hadoop.ha.ServiceFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one NameNode's part in automatic failover (see {@link ControllerState} for the states).
 * Inputs (health reports, election events, cede requests) arrive on any thread and are queued on
 * the single controller thread ({@link ControllerInbox}), where every decision and every state move
 * happens; blocking calls (fencing, NameNode RPCs) run there too, so inputs that arrive meanwhile
 * wait their turn. What the controller knows of its NameNode, and the RPCs that change its HA
 * state, are in {@link LocalNameNode}.
 */
public final class FailoverController implements HealthListener, ElectionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverController.class);

    private final NameNodeRef local;
    private final LocalNameNode nameNode;
    private final Elector elector;
    private final OldActiveFencer fencer;
    private final ControllerInbox inbox;
    private final ControllerTimeouts timeouts;

    private volatile ControllerState state = ControllerState.INITIALIZING;
    // Touched only on the controller thread.
    private boolean benched;
    private ScheduledFuture<?> rejoinTask;
    private final List<CompletableFuture<AttemptResult>> attemptWaiters = new ArrayList<>();

    /**
     * @param electorFactory builds the elector, given the listener it must report to (this controller)
     * @param probeOrder the health monitor's, to tell reports begun before a transition of ours ended
     * @param freshHealthCheck asks the health monitor for a report now ({@code HealthMonitor::checkNow})
     */
    public FailoverController(
            NameNodeRef local,
            NameNodeConnector connector,
            Function<ElectionListener, Elector> electorFactory,
            OldActiveFencer fencer,
            ScheduledExecutorService executor,
            ControllerTimeouts timeouts,
            ProbeOrder probeOrder,
            Runnable freshHealthCheck) {
        this.local = local;
        this.nameNode = new LocalNameNode(local, connector, timeouts, probeOrder, freshHealthCheck);
        this.elector = electorFactory.apply(this);
        this.fencer = fencer;
        this.inbox = new ControllerInbox(local, executor, () -> state);
        this.timeouts = timeouts;
    }

    public ControllerState state() {
        return state;
    }

    public NameNodeRef local() {
        return local;
    }

    public Elector elector() {
        return elector;
    }

    public void start() {
        inbox.submit(() -> {
            move(ControllerState.STANDBY, "controller started; waiting for a healthy NameNode");
            reevaluate("start");
        });
    }

    @Override
    public void healthChanged(HealthReport report) {
        inbox.submit(() -> {
            nameNode.reported(report);
            reevaluate("NameNode " + report.state() + "/" + report.serviceState());
        });
    }

    @Override
    public void electionChanged(ElectionEvent event, String reason) {
        inbox.submit(() -> onElection(event, reason));
    }

    /** Stays out of the election for {@code millis} (after stepping down if active); {@code <= 0} rejoins now. */
    public CompletableFuture<Void> cedeActive(int millis) {
        return inbox.call(() -> {
            if (millis <= 0) {
                unbench("cedeActive(" + millis + "): rejoin now");
                return null;
            }
            LOG.info("[{}] asked to cede the active role and stay out of the election for {} ms", local, millis);
            if (state == ControllerState.ACTIVE) {
                move(ControllerState.BECOMING_STANDBY, "ceding the active role for " + millis + " ms");
                if (transitionLocalToStandby()) {
                    deleteOwnBreadcrumb();
                }
                elector.leave();
                move(ControllerState.STANDBY, "ceded: out of the election for " + millis + " ms");
            } else if (state == ControllerState.ELECTION) {
                elector.leave();
                move(ControllerState.STANDBY, "ceding: out of the election for " + millis + " ms");
            }
            bench(millis);
            return null;
        });
    }

    /** Fails with {@link ServiceFailedException} unless the local NameNode could become active. */
    public CompletableFuture<Void> checkEligibleForFailover() {
        return inbox.call(() -> {
            HealthReport health = nameNode.health();
            if (!health.isHealthy()) {
                throw new ServiceFailedException(local + " is not currently healthy (" + health.state() + ": "
                        + health.reason() + "). Cannot be failover target");
            }
            if (nameNode.serviceState() == HAServiceState.OBSERVER) {
                throw new ServiceFailedException(local + " is in observer state. Cannot be failover target");
            }
            return null;
        });
    }

    /** Completed with the outcome of the next attempt to make the local NameNode active. */
    public CompletableFuture<AttemptResult> nextAttempt() {
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        inbox.submit(() -> attemptWaiters.add(result));
        return result;
    }

    /** Ends any back-off and re-enters the election if the NameNode is healthy. */
    public CompletableFuture<Void> rejoinNow(String why) {
        return inbox.call(() -> {
            unbench(why);
            return null;
        });
    }

    private void onElection(ElectionEvent event, String reason) {
        switch (event) {
            case LEADING -> reevaluate(reason);
            case NOT_LEADING -> {
                if (state == ControllerState.ACTIVE && elector.isJoined() && !elector.isLeading()) {
                    stepDown(ControllerState.ELECTION, "lost the election (" + reason + ")");
                }
            }
            case DISCONNECTED -> LOG.info(
                    "[{}] {} while {}: counts as not leading; the NameNode is not demoted", local, reason, state);
        }
    }

    private void reevaluate(String why) {
        switch (state) {
            case STANDBY -> {
                if (electable()) {
                    joinElection(why);
                }
            }
            case ELECTION -> {
                if (!electable()) {
                    elector.leave();
                    move(ControllerState.STANDBY, "left the election: " + notElectableReason());
                    completeAttempt(false, "left the election: " + notElectableReason());
                } else if (elector.isLeading()) {
                    promote();
                } else if (nameNode.serviceState() == HAServiceState.ACTIVE && anotherOwnsBreadcrumb()) {
                    // This NameNode still believes it is active (it was frozen while another was
                    // promoted in its place): it must not stay active, whatever its journal says.
                    move(
                            ControllerState.BECOMING_STANDBY,
                            "NameNode reports ACTIVE but another NameNode holds the" + " breadcrumb");
                    transitionLocalToStandby();
                    move(ControllerState.ELECTION, "stale active demoted; waiting in the election");
                }
            }
            case ACTIVE -> {
                HealthReport health = nameNode.health();
                if (!health.isHealthy()) {
                    elector.leave();
                    stepDown(ControllerState.STANDBY, "NameNode " + health.state() + " (" + health.reason() + ")");
                } else if (nameNode.serviceState() == HAServiceState.STANDBY) {
                    elector.withdrawServing(local);
                    move(ControllerState.ELECTION, "NameNode reports STANDBY although this controller made it active");
                    reevaluate(why);
                }
            }
            default -> {}
        }
    }

    private boolean anotherOwnsBreadcrumb() {
        try {
            return elector.readBreadcrumb()
                    .owner()
                    .filter(owner -> !owner.equals(local))
                    .isPresent();
        } catch (ElectionException e) {
            LOG.warn("[{}] cannot read the breadcrumb ({}); leaving the NameNode as it is", local, e.getMessage());
            return false;
        }
    }

    private boolean electable() {
        HealthReport health = nameNode.health();
        return !benched
                && health.isHealthy()
                && (nameNode.serviceState() == HAServiceState.STANDBY
                        || nameNode.serviceState() == HAServiceState.ACTIVE);
    }

    private String notElectableReason() {
        if (benched) {
            return "backing off";
        }
        HealthReport health = nameNode.health();
        if (!health.isHealthy()) {
            return "NameNode " + health.state() + " (" + health.reason() + ")";
        }
        return "NameNode is " + nameNode.serviceState() + ", which never takes part in the election";
    }

    private void joinElection(String why) {
        try {
            elector.join();
        } catch (ElectionException e) {
            LOG.warn(
                    "[{}] cannot join the election ({}); retrying in {} ms",
                    local,
                    e.getMessage(),
                    timeouts.failureBackoffMs());
            bench(timeouts.failureBackoffMs());
            return;
        }
        move(ControllerState.ELECTION, "NameNode electable (" + why + ")");
        reevaluate(why);
    }

    private void promote() {
        move(ControllerState.FENCING, "won the election");
        BreadcrumbRead crumb;
        try {
            crumb = elector.readBreadcrumb();
        } catch (ElectionException e) {
            abandon("cannot read the breadcrumb: " + e.getMessage());
            return;
        }
        Optional<NameNodeRef> previous = crumb.owner();
        if (previous.isPresent() && !previous.get().sameNameNode(local)) {
            if (!fenceOldActive(previous.get())) {
                abandon("could not fence the old active " + previous.get() + "; not promoting " + local);
                return;
            }
        } else {
            LOG.info(
                    "[{}] no fencing needed: breadcrumb {}",
                    local,
                    previous.map(p -> "names this NameNode").orElse("is absent (last active stepped down)"));
        }
        if (!elector.isLeading()) {
            move(ControllerState.ELECTION, "lost leadership while fencing; not promoting");
            return;
        }
        move(ControllerState.BECOMING_ACTIVE, "old active fenced (or none)");
        try {
            elector.claimBreadcrumb(local, crumb.version());
        } catch (ElectionException e) {
            abandon(e.getMessage());
            return;
        }
        try {
            nameNode.transitionToActive();
        } catch (IOException | RuntimeException e) {
            String why = "transitionToActive of " + local + " failed: " + e;
            elector.leave();
            stepDown(ControllerState.STANDBY, why);
            bench(timeouts.failureBackoffMs());
            completeAttempt(false, why);
            return;
        }
        elector.publishServing(local);
        move(ControllerState.ACTIVE, "transitionToActive succeeded");
        completeAttempt(true, local + " is active");
    }

    private boolean fenceOldActive(NameNodeRef oldActive) {
        LOG.info("[{}] breadcrumb names {} as the last active: fencing it before promoting", local, oldActive);
        try {
            return fencer.fence(oldActive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void abandon(String why) {
        elector.leave();
        move(ControllerState.STANDBY, why + "; backing off " + timeouts.failureBackoffMs() + " ms");
        bench(timeouts.failureBackoffMs());
        completeAttempt(false, why);
    }

    private void stepDown(ControllerState then, String why) {
        move(ControllerState.BECOMING_STANDBY, why);
        transitionLocalToStandby();
        move(then, "stepped down: " + why);
    }

    private boolean transitionLocalToStandby() {
        elector.withdrawServing(local); // clients stop following this NameNode first
        try {
            nameNode.transitionToStandby();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "[{}] transitionToStandby failed ({}); the breadcrumb stays, so the next active fences it",
                    local,
                    e.toString());
            return false;
        }
    }

    private void deleteOwnBreadcrumb() {
        try {
            elector.deleteBreadcrumb(local);
        } catch (ElectionException e) {
            LOG.warn(
                    "[{}] could not delete own breadcrumb ({}); the next active will fence this NameNode",
                    local,
                    e.getMessage());
        }
    }

    private void bench(long millis) {
        benched = true;
        if (rejoinTask != null) {
            rejoinTask.cancel(false);
        }
        rejoinTask = inbox.schedule(() -> unbench("back-off of " + millis + " ms over"), millis);
    }

    private void unbench(String why) {
        if (rejoinTask != null) {
            rejoinTask.cancel(false);
            rejoinTask = null;
        }
        benched = false;
        reevaluate(why);
    }

    private void completeAttempt(boolean succeeded, String status) {
        AttemptResult result = new AttemptResult(succeeded, status);
        attemptWaiters.forEach(w -> w.complete(result));
        attemptWaiters.clear();
    }

    private void move(ControllerState next, String reason) {
        ControllerState previous = state;
        if (!previous.successors().contains(next)) {
            throw new IllegalStateException(
                    "[" + local + "] illegal controller transition " + previous + " -> " + next + " (" + reason + ")");
        }
        state = next;
        LOG.info("[{}] {} -> {}: {}", local, previous, next, reason);
    }

    /** Leaves the election and stops; the NameNode keeps its HA state (its breadcrumb stays). */
    public CompletableFuture<Void> stop() {
        return inbox.call(() -> {
            if (state != ControllerState.CLOSED) {
                if (rejoinTask != null) {
                    rejoinTask.cancel(false);
                }
                elector.leave();
                move(ControllerState.CLOSED, "controller stopped; the NameNode keeps its state");
                completeAttempt(false, "controller stopped");
            }
            return null;
        });
    }

    /** {@link #stop()} and wait for it. */
    @Override
    public void close() {
        try {
            stop().get(timeouts.newActiveTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("[{}] controller did not stop cleanly: {}", local, e.toString());
        }
    }
}
