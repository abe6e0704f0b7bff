package io.qjmkit.zkfc.target;

import io.qjmkit.fencing.FenceTarget;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One NameNode of the nameservice: its ids, the RPC address its HA protocol is served on and the
 * port of the controller that runs next to it.
 *
 * @param nameserviceId e.g. {@code ns1}
 * @param namenodeId e.g. {@code nn1}
 * @param rpcAddress service-RPC address if configured, else client-RPC address
 * @param zkfcPort {@code dfs.ha.zkfc.port} for this NameNode
 */
public record NameNodeRef(String nameserviceId, String namenodeId, InetSocketAddress rpcAddress, int zkfcPort) {

    public NameNodeRef {
        Objects.requireNonNull(nameserviceId, "nameserviceId");
        Objects.requireNonNull(namenodeId, "namenodeId");
        Objects.requireNonNull(rpcAddress, "rpcAddress");
    }

    /** Where this NameNode's controller serves {@code ZKFCProtocol}. */
    public InetSocketAddress zkfcAddress() {
        return rpcAddress.isUnresolved()
                ? InetSocketAddress.createUnresolved(rpcAddress.getHostString(), zkfcPort)
                : new InetSocketAddress(rpcAddress.getAddress(), zkfcPort);
    }

    /** The same NameNode as a fencing target. */
    public FenceTarget fenceTarget() {
        return FenceTarget.of(nameserviceId, namenodeId, rpcAddress);
    }

    /** True when both name the same NameNode (same ids), wherever they were resolved. */
    public boolean sameNameNode(NameNodeRef other) {
        return nameserviceId.equals(other.nameserviceId) && namenodeId.equals(other.namenodeId);
    }

    @Override
    public String toString() {
        return nameserviceId + "." + namenodeId + "@" + rpcAddress.getHostString() + ":" + rpcAddress.getPort();
    }
}
