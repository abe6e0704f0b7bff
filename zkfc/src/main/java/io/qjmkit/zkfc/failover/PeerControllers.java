package io.qjmkit.zkfc.failover;

import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;

/** Reaches the controllers of the other NameNodes ({@code ZKFCProtocol}); a seam for tests. */
@FunctionalInterface
public interface PeerControllers {

    /**
     * Asks {@code peer}'s controller to give up being active and stay out of the election for
     * {@code millisToCede} ms ({@code <= 0}: rejoin now).
     */
    void cedeActive(NameNodeRef peer, int millisToCede, int timeoutMs) throws IOException;
}
