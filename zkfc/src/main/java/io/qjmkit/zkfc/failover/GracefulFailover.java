package io.qjmkit.zkfc.failover;

import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.election.BreadcrumbRead;
import io.qjmkit.zkfc.election.Elector;
import io.qjmkit.zkfc.target.NameNodeRef;
import io.qjmkit.zkfc.target.Nameservice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.ha.ServiceFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinated failover to the local NameNode ({@code ZKFCProtocol.gracefulFailover}), run on the
 * caller's thread: check the local NameNode can be active, ask every other controller (the current
 * active's last) to cede, let the normal election make the local NameNode active, then let the
 * others rejoin. The old active deletes its breadcrumb when it steps down, so no fencing is needed.
 */
public final class GracefulFailover {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulFailover.class);

    private final FailoverController controller;
    private final Elector elector;
    private final Nameservice nameservice;
    private final PeerControllers peers;
    private final ControllerTimeouts timeouts;

    public GracefulFailover(
            FailoverController controller,
            Elector elector,
            Nameservice nameservice,
            PeerControllers peers,
            ControllerTimeouts timeouts) {
        this.controller = controller;
        this.elector = elector;
        this.nameservice = nameservice;
        this.peers = peers;
        this.timeouts = timeouts;
    }

    /**
     * Makes the local NameNode active.
     *
     * @throws ServiceFailedException with the reason when it did not become active
     */
    public void run() throws IOException, InterruptedException {
        NameNodeRef local = nameservice.local();
        int cedeMillis = 2 * timeouts.gracefulFenceTimeoutMs();
        await(controller.checkEligibleForFailover(), timeouts.gracefulFenceTimeoutMs());
        BreadcrumbRead crumb = elector.readBreadcrumb();
        if (crumb.owner().isEmpty()) {
            throw new ServiceFailedException("No other node is currently active (no breadcrumb under ZooKeeper);"
                    + " the election will pick one by itself");
        }
        NameNodeRef current = crumb.owner().get();
        if (current.sameNameNode(local)) {
            if (controller.state() == ControllerState.ACTIVE) {
                LOG.info("[{}] graceful failover requested, but this NameNode is already active", local);
                return;
            }
            throw new ServiceFailedException(local + " is named active in ZooKeeper but its controller is "
                    + controller.state() + "; retry once the election settles");
        }
        NameNodeRef oldActive = nameservice.byId(current.namenodeId()).orElse(current);
        LOG.info(
                "[{}] graceful failover from {}: asking the other controllers to cede for {} ms",
                local,
                oldActive,
                cedeMillis);
        CompletableFuture<AttemptResult> attempt = controller.nextAttempt();
        List<NameNodeRef> ceded = new ArrayList<>();
        AttemptResult result;
        try {
            for (NameNodeRef other : nameservice.others()) {
                if (other.sameNameNode(oldActive)) {
                    continue;
                }
                try {
                    peers.cedeActive(other, cedeMillis, cedeMillis + timeouts.gracefulFenceTimeoutMs());
                    ceded.add(other);
                } catch (IOException e) {
                    LOG.warn(
                            "[{}] controller of standby {} did not answer cedeActive ({}); continuing",
                            local,
                            other,
                            e.toString());
                }
            }
            peers.cedeActive(oldActive, cedeMillis, cedeMillis + timeouts.gracefulFenceTimeoutMs());
            ceded.add(oldActive);
            await(controller.rejoinNow("graceful failover"), timeouts.gracefulFenceTimeoutMs());
            result = attempt.get(cedeMillis + (long) timeouts.newActiveTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceFailedException("Unable to become active. " + local + " did not get an opportunity to"
                    + " do so from ZooKeeper, or took too long to transition to active");
        } catch (ExecutionException e) {
            throw new ServiceFailedException("Unable to become active: " + e.getCause(), e.getCause());
        } finally {
            for (NameNodeRef peer : ceded) {
                try {
                    peers.cedeActive(peer, -1, timeouts.gracefulFenceTimeoutMs());
                } catch (IOException e) {
                    LOG.warn("[{}] could not let {} rejoin the election: {}", local, peer, e.toString());
                }
            }
        }
        if (!result.succeeded()) {
            throw new ServiceFailedException("Failed to become active. " + result.status());
        }
        LOG.info("[{}] graceful failover done: {}", local, result.status());
    }

    private static void await(CompletableFuture<?> step, long timeoutMs) throws IOException, InterruptedException {
        try {
            step.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new ServiceFailedException("failover controller busy for more than " + timeoutMs + " ms");
        }
    }
}
