package io.qjmkit.zkfc.health;

import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.target.NameNodeConnector;
import io.qjmkit.zkfc.target.NameNodeEndpoint;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.apache.hadoop.ha.HealthCheckFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the local NameNode's health and HA state and tells a {@link HealthListener} when either
 * changes. All work runs on the injected scheduler (one thread); the liveness probe's loss is
 * handed to that thread too, so state moves in one place.
 *
 * <pre>
 *   INITIALIZING -> HEALTHY | UNHEALTHY | NOT_RESPONDING
 *   HEALTHY, UNHEALTHY, NOT_RESPONDING -> any of the three (never back to INITIALIZING)
 * </pre>
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private static final Set<HealthState> AFTER_FIRST_CHECK =
            EnumSet.of(HealthState.HEALTHY, HealthState.UNHEALTHY, HealthState.NOT_RESPONDING);
    private static final Map<HealthState, Set<HealthState>> LEGAL = Map.of(
            HealthState.INITIALIZING, AFTER_FIRST_CHECK,
            HealthState.HEALTHY, AFTER_FIRST_CHECK,
            HealthState.UNHEALTHY, AFTER_FIRST_CHECK,
            HealthState.NOT_RESPONDING, AFTER_FIRST_CHECK);

    private final NameNodeRef nameNode;
    private final NameNodeConnector connector;
    private final LivenessProbe probe;
    private final ScheduledExecutorService scheduler;
    private final ControllerTimeouts timeouts;
    private final HealthListener listener;
    private final ProbeOrder order;

    // Touched only on the scheduler thread.
    private HealthReport report = HealthReport.initial();
    private NameNodeEndpoint endpoint;
    private ScheduledFuture<?> nextPoll;
    private long probeGeneration;
    private volatile boolean closed;

    /** {@code order} stamps each report, so the controller can tell which predate its own transitions. */
    public HealthMonitor(
            NameNodeRef nameNode,
            NameNodeConnector connector,
            LivenessProbe probe,
            ScheduledExecutorService scheduler,
            ControllerTimeouts timeouts,
            ProbeOrder order,
            HealthListener listener) {
        this.order = order;
        this.nameNode = nameNode;
        this.connector = connector;
        this.probe = probe;
        this.scheduler = scheduler;
        this.timeouts = timeouts;
        this.listener = listener;
    }

    /** Starts polling now. */
    public void start() {
        LOG.info(
                "[{}] health monitor starting: check every {} ms, health RPC timeout {} ms, liveness connection {}",
                nameNode,
                timeouts.healthCheckIntervalMs(),
                timeouts.healthRpcTimeoutMs(),
                probe == LivenessProbe.NONE ? "off" : "on");
        scheduler.execute(this::poll);
    }

    /** The latest report; safe from any thread. */
    public synchronized HealthReport report() {
        return report;
    }

    /**
     * Runs one check now on the scheduler thread (the regular schedule goes on) and hands its report
     * to the listener even when nothing changed: the controller asks for one after it transitioned
     * the NameNode, since only a probe begun after that shows the NameNode's state since.
     */
    public void checkNow() {
        try {
            scheduler.execute(() -> checkOnce(true));
        } catch (RejectedExecutionException e) {
            LOG.debug("[{}] health monitor stopped; no check now", nameNode);
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        try {
            checkOnce(false);
        } finally {
            if (!closed) {
                nextPoll = scheduler.schedule(this::poll, timeouts.healthCheckIntervalMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void checkOnce(boolean always) {
        if (closed) {
            return;
        }
        long ticket = order.next();
        try {
            if (!probe.isOpen()) {
                long generation = ++probeGeneration;
                probe.open(reason -> scheduler.execute(() -> livenessLost(generation, reason)));
            }
            if (endpoint == null) {
                endpoint = connector.connect(nameNode, timeouts.healthRpcTimeoutMs());
            }
            endpoint.monitorHealth();
            HAServiceState haState = endpoint.serviceState();
            move(new HealthReport(HealthState.HEALTHY, haState, "monitorHealth succeeded", ticket), always);
        } catch (HealthCheckFailedException e) {
            move(new HealthReport(HealthState.UNHEALTHY, report().serviceState(), e.getMessage(), ticket), always);
        } catch (IOException | RuntimeException e) {
            dropEndpoint();
            move(
                    new HealthReport(HealthState.NOT_RESPONDING, HAServiceState.INITIALIZING, e.toString(), ticket),
                    always);
        }
    }

    private void livenessLost(long generation, String reason) {
        if (closed || generation != probeGeneration) {
            return;
        }
        dropEndpoint();
        move(new HealthReport(HealthState.NOT_RESPONDING, HAServiceState.INITIALIZING, reason, order.next()), false);
    }

    private void dropEndpoint() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    /** Records {@code next}; tells the listener when it differs from the last report, or when {@code always}. */
    private void move(HealthReport next, boolean always) {
        HealthReport previous;
        boolean changed;
        synchronized (this) {
            previous = report;
            changed = previous.state() != next.state() || previous.serviceState() != next.serviceState();
            if (changed && !LEGAL.get(previous.state()).contains(next.state())) {
                throw new IllegalStateException(
                        "[" + nameNode + "] illegal health transition " + previous.state() + " -> " + next.state());
            }
            report = next;
        }
        if (!changed) {
            if (always) {
                listener.healthChanged(next);
            }
            return;
        }
        if (previous.state() != next.state()) {
            LOG.info(
                    "[{}] health {} -> {} (NameNode state {}): {}",
                    nameNode,
                    previous.state(),
                    next.state(),
                    next.serviceState(),
                    next.reason());
        } else {
            LOG.info(
                    "[{}] NameNode HA state {} -> {} (health {})",
                    nameNode,
                    previous.serviceState(),
                    next.serviceState(),
                    next.state());
        }
        listener.healthChanged(next);
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> poll = nextPoll;
        if (poll != null) {
            poll.cancel(false);
        }
        probe.close();
        try {
            scheduler.execute(this::dropEndpoint);
        } catch (RejectedExecutionException e) {
            LOG.debug("[{}] scheduler already shut down; endpoint closed with it", nameNode);
        }
    }
}
