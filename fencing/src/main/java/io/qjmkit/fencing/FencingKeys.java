package io.qjmkit.fencing;

import org.apache.hadoop.conf.Configuration;

/**
 * The configuration keys of fencing, in one place. Hadoop's keys are reused where the meaning is the
 * same so an existing {@code hdfs-site.xml} keeps working; the keys Hadoop lacks start with {@code
 * qjmkit.}.
 */
public final class FencingKeys {
    /** Newline-separated fence methods, tried in order (Hadoop's key). */
    public static final String METHODS = "dfs.ha.fencing.methods";

    /** Comma-separated private key files for {@code sshfence} (Hadoop's key). */
    public static final String SSH_PRIVATE_KEY_FILES = "dfs.ha.fencing.ssh.private-key-files";

    /** Milliseconds to connect and authenticate over SSH (Hadoop's key). */
    public static final String SSH_CONNECT_TIMEOUT_MS = "dfs.ha.fencing.ssh.connect-timeout";

    public static final long SSH_CONNECT_TIMEOUT_MS_DEFAULT = 30_000;

    /** The known-hosts file that the target's host key must be in (Hadoop checks no host key). */
    public static final String SSH_KNOWN_HOSTS_FILE = "qjmkit.fencing.ssh.known-hosts-file";

    /** Milliseconds the remote kill-and-verify command may run. */
    public static final String SSH_COMMAND_TIMEOUT_MS = "qjmkit.fencing.ssh.command-timeout.ms";

    public static final long SSH_COMMAND_TIMEOUT_MS_DEFAULT = 30_000;

    /** Milliseconds a {@code shell(...)} command may run before it and its children are killed. */
    public static final String SHELL_TIMEOUT_MS = "qjmkit.fencing.shell.timeout.ms";

    public static final long SHELL_TIMEOUT_MS_DEFAULT = 30_000;

    private FencingKeys() {}

    /**
     * Reads a positive number of milliseconds.
     *
     * @throws FencingConfigException naming the key when the value is not a positive integer
     */
    public static long positiveMillis(Configuration conf, String key, long defaultValue) throws FencingConfigException {
        String raw = conf.getTrimmed(key);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new FencingConfigException(
                    key + " = '" + raw + "' is not a number; expected a positive number of milliseconds");
        }
        if (value <= 0) {
            throw new FencingConfigException(key + " = " + value
                    + " must be positive; expected a number of milliseconds such as " + defaultValue);
        }
        return value;
    }
}
