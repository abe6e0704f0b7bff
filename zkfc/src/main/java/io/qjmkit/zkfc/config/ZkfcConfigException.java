package io.qjmkit.zkfc.config;

import java.io.IOException;

/** The configuration cannot run a controller; the message names the key and the fix. */
public class ZkfcConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    public ZkfcConfigException(String message) {
        super(message);
    }

    public ZkfcConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
