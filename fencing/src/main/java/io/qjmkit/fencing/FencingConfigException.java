package io.qjmkit.fencing;

import java.io.IOException;

/** {@code dfs.ha.fencing.methods} (or a key it relies on) is malformed; the message names the fix. */
public class FencingConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    public FencingConfigException(String message) {
        super(message);
    }
}
