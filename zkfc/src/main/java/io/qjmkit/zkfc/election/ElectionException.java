package io.qjmkit.zkfc.election;

import java.io.IOException;

/** A ZooKeeper operation of the election failed; the message says which znode and why. */
public class ElectionException extends IOException {
    private static final long serialVersionUID = 1L;

    public ElectionException(String message) {
        super(message);
    }

    public ElectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
