package io.qjmkit.zkfc.failover;

import io.qjmkit.fencing.FencingChain;
import io.qjmkit.zkfc.target.NameNodeConnector;
import io.qjmkit.zkfc.target.NameNodeEndpoint;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the previous active stops acting as active: first a graceful {@code
 * transitionToStandby} bounded by the graceful-fence timeout, and only if that fails the configured
 * fencing chain. Refuses to fence the local NameNode.
 */
public final class OldActiveFencer {
    private static final Logger LOG = LoggerFactory.getLogger(OldActiveFencer.class);

    private final NameNodeRef local;
    private final NameNodeConnector connector;
    private final FencingChain chain;
    private final int gracefulTimeoutMs;

    public OldActiveFencer(NameNodeRef local, NameNodeConnector connector, FencingChain chain, int gracefulTimeoutMs) {
        this.local = local;
        this.connector = connector;
        this.chain = chain;
        this.gracefulTimeoutMs = gracefulTimeoutMs;
    }

    /** True when {@code oldActive} is certainly no longer active. */
    public boolean fence(NameNodeRef oldActive) throws InterruptedException {
        if (oldActive.sameNameNode(local) || oldActive.rpcAddress().equals(local.rpcAddress())) {
            throw new IllegalArgumentException(
                    "refusing to fence " + oldActive + ": it is the local NameNode " + local);
        }
        try (NameNodeEndpoint endpoint = connector.connect(oldActive, gracefulTimeoutMs)) {
            endpoint.transitionToStandby();
            LOG.info("[{}] old active {} went standby gracefully: fenced", local, oldActive);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "[{}] graceful transitionToStandby of old active {} failed ({}); running the fencing chain {}",
                    local,
                    oldActive,
                    e.toString(),
                    chain.describe());
        }
        return chain.fence(oldActive.fenceTarget());
    }
}
