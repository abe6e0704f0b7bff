package io.qjmkit.client.quorum;

import java.io.IOException;
import java.util.Map;

/**
 * A call that did not reach the required number of JournalNodes. The message lists every
 * JournalNode with its answer or error; {@link #outcomes()} has the same per node.
 */
public class QuorumException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> outcomes;

    public QuorumException(String message, Map<String, String> outcomes, Throwable cause) {
        super(message, cause);
        this.outcomes = Map.copyOf(outcomes);
    }

    /** JournalNode (as named by its channel) to "ok", "no answer yet" or the error message. */
    public Map<String, String> outcomes() {
        return outcomes;
    }
}
