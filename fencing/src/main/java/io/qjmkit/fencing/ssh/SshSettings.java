package io.qjmkit.fencing.ssh;

import io.qjmkit.fencing.FencingConfigException;
import io.qjmkit.fencing.FencingKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The SSH settings shared by every {@code sshfence} entry, read from the configuration.
 *
 * @param privateKeyFiles {@code dfs.ha.fencing.ssh.private-key-files}, OpenSSH or PEM private keys
 * @param knownHostsFile {@code qjmkit.fencing.ssh.known-hosts-file}, default {@code
 *     ~/.ssh/known_hosts}
 * @param connectTimeout {@code dfs.ha.fencing.ssh.connect-timeout}: for connecting and, again, for
 *     authenticating
 * @param commandTimeout {@code qjmkit.fencing.ssh.command-timeout.ms}: for the remote kill command
 */
public record SshSettings(
        List<Path> privateKeyFiles, Path knownHostsFile, Duration connectTimeout, Duration commandTimeout) {

    public SshSettings {
        privateKeyFiles = List.copyOf(privateKeyFiles);
    }

    /**
     * Reads and checks the settings: at least one key file, every key file loadable, the known-hosts
     * file readable, positive timeouts.
     *
     * @throws FencingConfigException naming the key and the file when something is missing or wrong
     */
    public static SshSettings fromConfiguration(Configuration conf) throws FencingConfigException {
        List<Path> keys = new ArrayList<>();
        for (String name : conf.getTrimmedStringCollection(FencingKeys.SSH_PRIVATE_KEY_FILES)) {
            keys.add(expandHome(name));
        }
        if (keys.isEmpty()) {
            throw new FencingConfigException("sshfence needs " + FencingKeys.SSH_PRIVATE_KEY_FILES
                    + ": set it to the comma-separated private key file(s) that may log in to the NameNode hosts");
        }
        SshKeys.load(keys);
        String knownHostsName = conf.getTrimmed(FencingKeys.SSH_KNOWN_HOSTS_FILE);
        Path knownHosts = knownHostsName == null || knownHostsName.isEmpty()
                ? Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")
                : expandHome(knownHostsName);
        if (!Files.isReadable(knownHosts)) {
            throw new FencingConfigException("sshfence checks host keys against " + knownHosts
                    + " (" + FencingKeys.SSH_KNOWN_HOSTS_FILE + "), which is missing or unreadable: create it"
                    + " with the NameNode hosts' keys (verify them, e.g. ssh-keyscan <host> >> " + knownHosts
                    + ") or point the key at another file");
        }
        long connectMs = FencingKeys.positiveMillis(
                conf, FencingKeys.SSH_CONNECT_TIMEOUT_MS, FencingKeys.SSH_CONNECT_TIMEOUT_MS_DEFAULT);
        long commandMs = FencingKeys.positiveMillis(
                conf, FencingKeys.SSH_COMMAND_TIMEOUT_MS, FencingKeys.SSH_COMMAND_TIMEOUT_MS_DEFAULT);
        return new SshSettings(keys, knownHosts, Duration.ofMillis(connectMs), Duration.ofMillis(commandMs));
    }

    private static Path expandHome(String name) {
        if (name.equals("~") || name.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + name.substring(1));
        }
        return Path.of(name);
    }
}
