package io.qjmkit.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * The identity of the HDFS namespace a journal belongs to (Hadoop's {@code NamespaceInfo} /
 * {@code StorageInfo} fields). A JournalNode records it at format time and refuses requests from a
 * NameNode of another namespace or cluster.
 */
public record NamespaceMeta(int layoutVersion, int namespaceId, String clusterId, long cTime, String blockPoolId) {

    public NamespaceMeta {
        clusterId = clusterId == null ? "" : clusterId;
        blockPoolId = blockPoolId == null ? "" : blockPoolId;
    }

    /** True when both describe the same namespace of the same cluster. */
    public boolean sameNamespace(NamespaceMeta other) {
        return namespaceId == other.namespaceId && clusterId.equals(other.clusterId);
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(layoutVersion);
        out.writeInt(namespaceId);
        Wire.writeString(out, clusterId);
        out.writeLong(cTime);
        Wire.writeString(out, blockPoolId);
    }

    public static NamespaceMeta readFrom(ByteBuf in) {
        return new NamespaceMeta(in.readInt(), in.readInt(), Wire.readString(in), in.readLong(), Wire.readString(in));
    }

    @Override
    public String toString() {
        return "namespace " + namespaceId + " of cluster " + clusterId + " (layout " + layoutVersion + ", cTime "
                + cTime + ")";
    }
}
