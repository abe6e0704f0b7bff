package io.qjmkit.journalnode.config;

import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates the JournalNode's keys (Hadoop's names and defaults) into a {@link JournalNodeConfig}.
 *
 * <p>Peers are the union of the JournalNodes named by {@code dfs.namenode.shared.edits.dir} and by
 * {@code dfs.namenode.shared.edits.dir.<ns>} for every {@code ns} in {@code dfs.nameservices}, minus
 * this node. <b>Self rule:</b> a listed JournalNode is this node when its {@code host:port} equals
 * {@code dfs.journalnode.rpc-address} as written, or when its port equals the RPC port and its
 * address is this node's: any local address if the RPC address is the wildcard (0.0.0.0 or ::),
 * otherwise the RPC address itself. Several JournalNodes on one host therefore need distinct ports.
 */
public final class JournalNodeConfigLoader {
    public static final String EDITS_DIR_KEY = "dfs.journalnode.edits.dir";
    public static final String EDITS_DIR_DEFAULT = "/tmp/hadoop/dfs/journalnode/";
    public static final String RPC_ADDRESS_KEY = "dfs.journalnode.rpc-address";
    public static final String RPC_ADDRESS_DEFAULT = "0.0.0.0:8485";
    public static final String HTTP_ADDRESS_KEY = "dfs.journalnode.http-address";
    public static final String HTTP_ADDRESS_DEFAULT = "0.0.0.0:8480";
    public static final String ENABLE_SYNC_KEY = "dfs.journalnode.enable.sync";
    public static final String SYNC_INTERVAL_KEY = "dfs.journalnode.sync.interval";
    public static final long SYNC_INTERVAL_DEFAULT_MS = 120_000;
    public static final String SHARED_EDITS_DIR_KEY = "dfs.namenode.shared.edits.dir";
    public static final String NAMESERVICES_KEY = "dfs.nameservices";

    private final HostResolver resolver;
    private final LocalAddresses localAddresses;

    public JournalNodeConfigLoader() {
        this(HostResolver.SYSTEM, LocalAddresses.SYSTEM);
    }

    public JournalNodeConfigLoader(HostResolver resolver, LocalAddresses localAddresses) {
        this.resolver = resolver;
        this.localAddresses = localAddresses;
    }

    /** Validates {@code conf} (already expanded, e.g. {@link HadoopXmlConfig#toMap()}). */
    public JournalNodeConfig load(Map<String, String> conf) {
        Path editsDir = editsDir(value(conf, EDITS_DIR_KEY, EDITS_DIR_DEFAULT));
        HostPort rpc = HostPort.parse(
                RPC_ADDRESS_KEY, value(conf, RPC_ADDRESS_KEY, RPC_ADDRESS_DEFAULT), -1, RPC_ADDRESS_DEFAULT);
        HostPort http = HostPort.parse(
                HTTP_ADDRESS_KEY, value(conf, HTTP_ADDRESS_KEY, HTTP_ADDRESS_DEFAULT), -1, HTTP_ADDRESS_DEFAULT);
        InetSocketAddress rpcAddress = rpc.resolve(RPC_ADDRESS_KEY, resolver);
        InetSocketAddress httpAddress = http.resolve(HTTP_ADDRESS_KEY, resolver);
        boolean sync = bool(ENABLE_SYNC_KEY, value(conf, ENABLE_SYNC_KEY, "true"));
        Duration interval =
                millis(SYNC_INTERVAL_KEY, value(conf, SYNC_INTERVAL_KEY, Long.toString(SYNC_INTERVAL_DEFAULT_MS)));

        List<InetSocketAddress> peers = new ArrayList<>();
        for (NamedNode named : journalNodes(conf)) {
            if (!sameHostPort(named.node(), rpc)) {
                peers.add(named.node().resolve(named.key(), resolver));
            }
        }
        return new JournalNodeConfig(editsDir, rpcAddress, httpAddress, excludeSelf(peers, rpcAddress), sync, interval);
    }

    /**
     * Drops this node from {@code candidates} by the self rule of the class comment. Public so the
     * JournalNode can apply it again with its bound address when it was configured with port 0.
     */
    public List<InetSocketAddress> excludeSelf(List<InetSocketAddress> candidates, InetSocketAddress own) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetSocketAddress candidate : candidates) {
            if (!isSelf(candidate, own)) {
                out.add(candidate);
            }
        }
        return out;
    }

    private boolean isSelf(InetSocketAddress candidate, InetSocketAddress own) {
        if (candidate.getPort() != own.getPort() || candidate.getAddress() == null || own.getAddress() == null) {
            return false;
        }
        return own.getAddress().isAnyLocalAddress()
                ? localAddresses.isLocal(candidate.getAddress())
                : own.getAddress().equals(candidate.getAddress());
    }

    private static boolean sameHostPort(HostPort a, HostPort b) {
        return a.port() == b.port() && a.host().equalsIgnoreCase(b.host());
    }

    /** A JournalNode named in the configuration and the key that names it (for error messages). */
    private record NamedNode(String key, HostPort node) {}

    /** Every JournalNode named in the shared-edits keys, once, in the order first named. */
    private static List<NamedNode> journalNodes(Map<String, String> conf) {
        List<String> keys = new ArrayList<>();
        keys.add(SHARED_EDITS_DIR_KEY);
        for (String ns : value(conf, NAMESERVICES_KEY, "").split(",")) {
            if (!ns.isBlank()) {
                keys.add(SHARED_EDITS_DIR_KEY + "." + ns.trim());
            }
        }
        Set<HostPort> seen = new HashSet<>();
        List<NamedNode> out = new ArrayList<>();
        for (String key : keys) {
            String uri = value(conf, key, "");
            if (uri.isEmpty()) {
                continue;
            }
            for (HostPort node : QuorumJournalUri.parse(key, uri).journalNodes()) {
                if (seen.add(node)) {
                    out.add(new NamedNode(key, node));
                }
            }
        }
        return out;
    }

    private static String value(Map<String, String> conf, String key, String defaultValue) {
        String v = conf.get(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    private static Path editsDir(String value) {
        String v = value.startsWith("file://") ? value.substring("file://".length()) : value;
        Path path;
        try {
            path = Path.of(v);
        } catch (InvalidPathException e) {
            throw ConfigException.badValue(EDITS_DIR_KEY, value, "a directory path (e.g. /var/lib/qjm-kit/journal)");
        }
        if (!path.isAbsolute()) {
            throw ConfigException.badValue(EDITS_DIR_KEY, value, "an absolute path (e.g. /var/lib/qjm-kit/journal)");
        }
        return path.normalize();
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ConfigException.badValue(key, value, "true or false");
        };
    }

    /** Milliseconds as Hadoop writes them ({@code 120000}), or with a unit: ms, s, m, h. */
    static Duration millis(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        String expected = "a positive duration in ms (e.g. 120000, or with a unit: 500ms, 30s, 2m, 1h)";
        int digits = 0;
        while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 15) {
            throw ConfigException.badValue(key, value, expected);
        }
        long n = Long.parseLong(v.substring(0, digits));
        Duration d =
                switch (v.substring(digits).trim()) {
                    case "", "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> throw ConfigException.badValue(key, value, expected);
                };
        if (d.isZero()) {
            throw ConfigException.badValue(key, value, expected);
        }
        return d;
    }
}
