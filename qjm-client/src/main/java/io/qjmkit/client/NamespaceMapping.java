package io.qjmkit.client;

import io.qjmkit.protocol.message.NamespaceMeta;
import org.apache.hadoop.hdfs.server.common.StorageInfo;
import org.apache.hadoop.hdfs.server.protocol.NamespaceInfo;

/** Converts Hadoop's namespace and storage descriptions into the protocol's {@link NamespaceMeta}. */
final class NamespaceMapping {
    private NamespaceMapping() {}

    static NamespaceMeta of(NamespaceInfo ns) {
        if (ns == null) {
            return new NamespaceMeta(0, 0, "", 0, "");
        }
        return new NamespaceMeta(
                ns.getLayoutVersion(), ns.getNamespaceID(), ns.getClusterID(), ns.getCTime(), ns.getBlockPoolID());
    }

    static NamespaceMeta of(StorageInfo storage) {
        if (storage instanceof NamespaceInfo ns) {
            return of(ns);
        }
        if (storage == null) {
            return new NamespaceMeta(0, 0, "", 0, "");
        }
        return new NamespaceMeta(
                storage.getLayoutVersion(), storage.getNamespaceID(), storage.getClusterID(), storage.getCTime(), "");
    }
}
