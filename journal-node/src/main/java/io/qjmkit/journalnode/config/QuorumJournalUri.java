package io.qjmkit.journalnode.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code qjournal://h1:p1;h2:p2;h3:p3/<journalId>} shared-edits URI: the JournalNodes of
 * one quorum and the journal they hold. The same form Hadoop's QJM uses, so stock tooling ({@code
 * hdfs getconf -journalNodes}) reads it too.
 */
public record QuorumJournalUri(List<HostPort> journalNodes, String journalId) {

    /** The port Hadoop assumes when a JournalNode address in the URI has none. */
    public static final int DEFAULT_PORT = 8485;

    private static final String SCHEME = "qjournal://";
    private static final String FORM = "qjournal://host1:8485;host2:8485;host3:8485/journalId";

    public QuorumJournalUri {
        journalNodes = List.copyOf(journalNodes);
    }

    /**
     * Parses {@code value} of {@code key}. Rejects a duplicate JournalNode and an even count: with
     * 2n JournalNodes a quorum tolerates no more failures than with 2n-1.
     */
    public static QuorumJournalUri parse(String key, String value) {
        String v = value.trim();
        if (!v.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ConfigException.badValue(key, value, "a quorum journal URI " + FORM);
        }
        String rest = v.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw ConfigException.badValue(key, value, FORM + " (the journal id is missing)");
        }
        String journalId = rest.substring(slash + 1);
        if (journalId.endsWith("/")) {
            journalId = journalId.substring(0, journalId.length() - 1);
        }
        if (journalId.isEmpty()
                || journalId.contains("/")
                || journalId.equals(".")
                || journalId.equals("..")
                || journalId.chars().anyMatch(Character::isWhitespace)) {
            throw ConfigException.badValue(
                    key, value, FORM + " (the journal id must be one non-empty path segment, e.g. mycluster)");
        }
        List<HostPort> nodes = new ArrayList<>();
        Set<HostPort> seen = new HashSet<>();
        for (String part : rest.substring(0, slash).split(";", -1)) {
            HostPort node = HostPort.parse(key, part, DEFAULT_PORT, "host1:8485");
            if (!seen.add(node)) {
                throw new ConfigException(
                        key + ": '" + value + "' lists JournalNode " + node + " twice (expected " + FORM + ")");
            }
            nodes.add(node);
        }
        if (nodes.size() % 2 == 0) {
            throw new ConfigException(key + ": '" + value + "' lists " + nodes.size()
                    + " JournalNodes; use an odd number (e.g. 3 or 5) so a majority survives failures");
        }
        return new QuorumJournalUri(nodes, journalId);
    }
}
