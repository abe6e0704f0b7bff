package io.qjmkit.protocol.message;

import java.io.IOException;

/**
 * A request refused or failed by a JournalNode, with the reason as an {@link ErrorCode}. {@link
 * #detail()} carries a number where the code needs one (for {@link ErrorCode#GAP}, the JournalNode's
 * last txid; for {@link ErrorCode#EPOCH_FENCED}, its promised epoch).
 */
public class JournalException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final long detail;

    public JournalException(ErrorCode code, String message) {
        this(code, message, 0L);
    }

    public JournalException(ErrorCode code, String message, long detail) {
        super(message);
        this.code = code;
        this.detail = detail;
    }

    public JournalException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.detail = 0L;
    }

    public ErrorCode code() {
        return code;
    }

    public long detail() {
        return detail;
    }
}
