package io.qjmkit.fencing.ssh;

import io.qjmkit.fencing.FencingConfigException;
import io.qjmkit.fencing.chain.MethodSpecParser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom {@code sshfence} logs in as: the {@code [user][:port]} argument, defaulting to the current
 * user ({@code user.name}) and port 22 as Hadoop does.
 *
 * @param user the remote user
 * @param port the SSH port
 */
public record SshLogin(String user, int port) {
    public static final int DEFAULT_PORT = 22;

    private static final Pattern USER_PORT = Pattern.compile("([^:\\s]+)?(?::(\\d{1,5}))?");

    public SshLogin {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("ssh user must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ssh port " + port + " is outside 1-65535");
        }
    }

    /** The current user on port 22. */
    public static SshLogin defaults() {
        return new SshLogin(System.getProperty("user.name"), DEFAULT_PORT);
    }

    /**
     * Parses the argument of {@code sshfence(...)}: empty, {@code user}, {@code user:port} or {@code
     * :port}.
     *
     * @throws FencingConfigException naming the entry when the argument has another form
     */
    public static SshLogin parse(String argument) throws FencingConfigException {
        String entry = "sshfence(" + argument + ")";
        String trimmed = argument.trim();
        if (trimmed.isEmpty()) {
            return defaults();
        }
        Matcher m = USER_PORT.matcher(trimmed);
        if (!m.matches()) {
            throw MethodSpecParser.malformed(entry, "expected [user][:port]");
        }
        String user = m.group(1) != null ? m.group(1) : System.getProperty("user.name");
        int port = DEFAULT_PORT;
        if (m.group(2) != null) {
            port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw MethodSpecParser.malformed(entry, "SSH port " + port + " is outside 1-65535");
            }
        }
        return new SshLogin(user, port);
    }

    @Override
    public String toString() {
        return user + ":" + port;
    }
}
