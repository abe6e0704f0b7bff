package io.qjmkit.zkfc.failover;

import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.health.HealthReport;
import io.qjmkit.zkfc.health.ProbeOrder;
import io.qjmkit.zkfc.target.NameNodeConnector;
import io.qjmkit.zkfc.target.NameNodeEndpoint;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;

/**
 * The controller's own NameNode as the controller sees it: the latest health report, and the HA
 * state the controller's last transition set, which wins over any report whose probe began before
 * that transition returned. (A probe begun just before a promotion reports STANDBY; taken at its
 * word, it would make the new active withdraw and promote itself all over again.) Used on the
 * controller thread only.
 */
final class LocalNameNode {
    private final NameNodeRef ref;
    private final NameNodeConnector connector;
    private final ControllerTimeouts timeouts;
    private final ProbeOrder probeOrder;
    private final Runnable freshHealthCheck;

    private HealthReport health = HealthReport.initial();
    private HAServiceState transitionedTo;
    private long transitionTicket;

    /**
     * @param probeOrder the health monitor's, to tell reports begun before a transition ended
     * @param freshHealthCheck asks the health monitor for a report now, after each transition
     */
    LocalNameNode(
            NameNodeRef ref,
            NameNodeConnector connector,
            ControllerTimeouts timeouts,
            ProbeOrder probeOrder,
            Runnable freshHealthCheck) {
        this.ref = ref;
        this.connector = connector;
        this.timeouts = timeouts;
        this.probeOrder = probeOrder;
        this.freshHealthCheck = freshHealthCheck;
    }

    void reported(HealthReport report) {
        health = report;
    }

    HealthReport health() {
        return health;
    }

    /** The NameNode's HA state as far as the controller knows (see the class comment). */
    HAServiceState serviceState() {
        if (transitionedTo != null && health.ticket() < transitionTicket) {
            return transitionedTo;
        }
        return health.serviceState();
    }

    /** Makes the NameNode active, within the new-active timeout. */
    void transitionToActive() throws IOException {
        try (NameNodeEndpoint endpoint = connector.connect(ref, timeouts.newActiveTimeoutMs())) {
            endpoint.transitionToActive();
        }
        transitioned(HAServiceState.ACTIVE);
    }

    /** Makes the NameNode standby, within the graceful-fence timeout. */
    void transitionToStandby() throws IOException {
        try (NameNodeEndpoint endpoint = connector.connect(ref, timeouts.gracefulFenceTimeoutMs())) {
            endpoint.transitionToStandby();
        }
        transitioned(HAServiceState.STANDBY);
    }

    private void transitioned(HAServiceState to) {
        transitionedTo = to;
        transitionTicket = probeOrder.next();
        freshHealthCheck.run();
    }
}
