package io.qjmkit.journalnode.config;

/**
 * A configuration mistake the operator must fix before the JournalNode can start. The message is
 * one line naming the key or file, the bad value and the expected form.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code key: 'value' is not <expected>} — the standard form of a bad-value error. */
    static ConfigException badValue(String key, String value, String expected) {
        return new ConfigException(key + ": '" + value + "' is not " + expected);
    }
}
