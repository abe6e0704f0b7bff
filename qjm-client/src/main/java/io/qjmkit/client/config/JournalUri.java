package io.qjmkit.client.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hdfs.DFSConfigKeys;

/**
 * The parts of a {@code qjournal://host1:port1;host2:port2;host3:port3/journalId} URI: an odd
 * number of resolvable JournalNode addresses and a journal id.
 */
public record JournalUri(List<InetSocketAddress> addresses, String journalId) {
    static final String KEY = DFSConfigKeys.DFS_NAMENODE_SHARED_EDITS_DIR_KEY;
    static final String FORM = "qjournal://host1:8485;host2:8485;host3:8485/<journalId>";

    public JournalUri {
        addresses = List.copyOf(addresses);
    }

    /** Parses and checks {@code uri}, resolving each host name once. */
    public static JournalUri parse(URI uri) {
        if (uri == null) {
            throw bad(null, "it is not set");
        }
        if (!"qjournal".equalsIgnoreCase(uri.getScheme())) {
            throw bad(uri, "the scheme must be qjournal");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw bad(uri, "it names no JournalNode");
        }
        String path = uri.getPath();
        String journalId = path == null || path.length() <= 1 ? "" : path.substring(1);
        if (journalId.isEmpty()) {
            throw bad(uri, "the journal id is missing (the path after the last JournalNode)");
        }
        if (journalId.contains("/") || journalId.startsWith(".")) {
            throw bad(uri, "the journal id '" + journalId + "' must not contain '/' nor start with '.'");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : authority.split(";")) {
            addresses.add(address(uri, part.trim()));
        }
        if (addresses.size() % 2 == 0) {
            throw bad(
                    uri,
                    "it names " + addresses.size() + " JournalNodes; use an odd number (2f+1) so a majority"
                            + " survives f failures");
        }
        return new JournalUri(addresses, journalId);
    }

    private static InetSocketAddress address(URI uri, String hostPort) {
        if (hostPort.isEmpty()) {
            throw bad(uri, "it has an empty JournalNode entry");
        }
        String host = hostPort;
        int port = DFSConfigKeys.DFS_JOURNALNODE_RPC_PORT_DEFAULT;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && hostPort.indexOf(']') < colon) {
            host = hostPort.substring(0, colon);
            String p = hostPort.substring(colon + 1);
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw bad(uri, "JournalNode '" + hostPort + "' has a bad port '" + p + "'");
            }
            if (port < 1 || port > 65535) {
                throw bad(uri, "JournalNode '" + hostPort + "' has a port out of range 1-65535");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw bad(uri, "JournalNode '" + hostPort + "' has no host");
        }
        InetSocketAddress addr = new InetSocketAddress(host, port);
        if (addr.isUnresolved()) {
            throw bad(uri, "JournalNode host '" + host + "' cannot be resolved");
        }
        return addr;
    }

    private static IllegalArgumentException bad(URI uri, String why) {
        return new IllegalArgumentException("Bad " + KEY + " '" + uri + "': " + why + ". Expected the form " + FORM);
    }
}
