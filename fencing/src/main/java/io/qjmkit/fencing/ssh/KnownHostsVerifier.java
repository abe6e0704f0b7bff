package io.qjmkit.fencing.ssh;

import io.qjmkit.fencing.FencingKeys;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a server only when its host key is listed for the host name and port we connected to in
 * a known-hosts file (OpenSSH format, hashed names and {@code [host]:port} included). An unknown
 * host, a changed key or a {@code @revoked} key is refused with a WARN naming the host and the file;
 * nothing is ever added to the file. The file is read at each check, never cached.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsVerifier.class);
    private static final String REVOKED = "revoked";

    /** What the check found. */
    enum Verdict {
        NOT_CHECKED,
        MATCH,
        UNKNOWN_HOST,
        KEY_MISMATCH,
        REVOKED_KEY,
        FILE_UNREADABLE
    }

    private final Path file;
    private final String host;
    private final int port;
    private volatile Verdict verdict = Verdict.NOT_CHECKED;
    private volatile Set<String> listedTypes = Set.of();
    private volatile Set<String> undecodableTypes = Set.of();

    KnownHostsVerifier(Path file, String host, int port) {
        this.file = file;
        this.host = host;
        this.port = port;
    }

    /** The outcome of the last check, {@code NOT_CHECKED} before the server showed its key. */
    Verdict verdict() {
        return verdict;
    }

    /**
     * The key types listed for our host, in file order, so the client can ask the server for one of
     * them first (as OpenSSH does) rather than for a type we could not check.
     */
    Set<String> knownKeyTypes() {
        Set<String> types = new LinkedHashSet<>();
        try {
            for (KnownHostEntry entry : entriesForHost()) {
                if (entry.getMarker() == null) {
                    types.add(entry.getKeyEntry().getKeyType());
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot read {} for preferred key types", file, e);
        }
        return types;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        verdict = check(serverKey);
        if (verdict == Verdict.MATCH) {
            LOG.info("Host key of {} port {} matches {}", host, port, file);
            return true;
        }
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        String keyType = KeyUtils.getKeyType(serverKey);
        switch (verdict) {
            case UNKNOWN_HOST -> LOG.warn(
                    "Refusing to fence over SSH: host {} port {} ({}) has no {} key in {} ({}; key types listed"
                            + " for it: {}; unreadable lines of types {} skipped). Presented key {}; after"
                            + " verifying it out of band, add it, e.g. ssh-keyscan -p {} {} >> {}",
                    host,
                    port,
                    remoteAddress,
                    keyType,
                    file,
                    FencingKeys.SSH_KNOWN_HOSTS_FILE,
                    listedTypes,
                    undecodableTypes,
                    fingerprint,
                    port,
                    host,
                    file);
            case KEY_MISMATCH -> LOG.warn(
                    "Refusing to fence over SSH: the {} host key of {} port {} ({}) does NOT match {} (presented {})."
                            + " Either the host was reinstalled or someone is impersonating it; verify, then fix"
                            + " the entry in {}",
                    keyType,
                    host,
                    port,
                    remoteAddress,
                    file,
                    fingerprint,
                    file);
            case REVOKED_KEY -> LOG.warn(
                    "Refusing to fence over SSH: the host key {} of {} port {} is marked @revoked in {}",
                    fingerprint,
                    host,
                    port,
                    file);
            default -> LOG.warn(
                    "Refusing to fence over SSH: cannot read known-hosts file {} ({}) to check the key of {} port {}",
                    file,
                    FencingKeys.SSH_KNOWN_HOSTS_FILE,
                    host,
                    port);
        }
        return false;
    }

    private Verdict check(PublicKey serverKey) {
        List<KnownHostEntry> entries;
        try {
            entries = entriesForHost();
        } catch (IOException e) {
            LOG.warn("Cannot read known-hosts file {}: {}", file, e.toString());
            return Verdict.FILE_UNREADABLE;
        }
        String serverType = KeyUtils.getKeyType(serverKey);
        Set<String> types = new LinkedHashSet<>();
        entries.forEach(e -> types.add(e.getKeyEntry().getKeyType()));
        listedTypes = types;
        boolean sameTypeListed = false;
        boolean matched = false;
        for (KnownHostEntry entry : entries) {
            PublicKey listed = resolve(entry);
            if (listed == null) {
                continue;
            }
            boolean equal = KeyUtils.compareKeys(listed, serverKey);
            String marker = entry.getMarker();
            if (REVOKED.equals(marker)) {
                if (equal) {
                    return Verdict.REVOKED_KEY;
                }
            } else if (marker == null) {
                matched |= equal;
                sameTypeListed |= serverType.equals(KeyUtils.getKeyType(listed));
            }
        }
        if (matched) {
            return Verdict.MATCH;
        }
        return sameTypeListed ? Verdict.KEY_MISMATCH : Verdict.UNKNOWN_HOST;
    }

    /**
     * The entries for our host and port. Lines are parsed one by one: the SSHD parser rejects a whole
     * file for one line of a key type this JVM cannot decode (ssh-ed25519 without an EdDSA provider),
     * and such lines are common, so they are skipped and their key types remembered for the log.
     */
    private List<KnownHostEntry> entriesForHost() throws IOException {
        List<KnownHostEntry> matching = new ArrayList<>();
        Set<String> skipped = new LinkedHashSet<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            KnownHostEntry entry;
            try {
                entry = KnownHostEntry.parseKnownHostEntry(line);
            } catch (RuntimeException e) {
                skipped.add(keyTypeToken(line));
                continue;
            }
            if (entry != null && entry.getKeyEntry() != null && entry.isHostMatch(host, port)) {
                matching.add(entry);
            }
        }
        undecodableTypes = skipped;
        return matching;
    }

    private static String keyTypeToken(String line) {
        String[] fields = line.split("\\s+");
        int index = line.startsWith("@") ? 2 : 1;
        return fields.length > index ? fields[index] : "?";
    }

    private PublicKey resolve(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.debug(
                    "Skipping {} entry for {} in {}: this JVM cannot decode it ({})",
                    entry.getKeyEntry().getKeyType(),
                    host,
                    file,
                    e.toString());
            return null;
        }
    }
}
