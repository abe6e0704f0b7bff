package io.qjmkit.journalnode.storage;

import io.qjmkit.protocol.message.NamespaceMeta;
import java.util.Properties;

/** Maps a namespace to and from the {@code VERSION} file Hadoop's JournalNode writes. */
final class NamespaceVersion {
    static final String STORAGE_TYPE = "JOURNAL_NODE";

    private NamespaceVersion() {}

    static Properties toProperties(NamespaceMeta ns) {
        Properties p = new Properties();
        p.setProperty("namespaceID", Integer.toString(ns.namespaceId()));
        p.setProperty("clusterID", ns.clusterId());
        p.setProperty("cTime", Long.toString(ns.cTime()));
        p.setProperty("layoutVersion", Integer.toString(ns.layoutVersion()));
        p.setProperty("blockpoolID", ns.blockPoolId());
        p.setProperty("storageType", STORAGE_TYPE);
        return p;
    }

    static NamespaceMeta fromProperties(Properties p, Object file) {
        try {
            return new NamespaceMeta(
                    Integer.parseInt(p.getProperty("layoutVersion")),
                    Integer.parseInt(p.getProperty("namespaceID")),
                    p.getProperty("clusterID", ""),
                    Long.parseLong(p.getProperty("cTime", "0")),
                    p.getProperty("blockpoolID", ""));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "VERSION file " + file + " is damaged (" + e + "); restore it or re-format the journal", e);
        }
    }
}
