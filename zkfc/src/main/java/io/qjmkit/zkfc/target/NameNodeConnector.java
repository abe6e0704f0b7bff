package io.qjmkit.zkfc.target;

import java.io.IOException;

/** Opens {@link NameNodeEndpoint}s; the seam that lets tests run the controller without sockets. */
@FunctionalInterface
public interface NameNodeConnector {

    /** An endpoint to {@code nameNode} whose every call gives up after {@code timeoutMs}. */
    NameNodeEndpoint connect(NameNodeRef nameNode, int timeoutMs) throws IOException;
}
