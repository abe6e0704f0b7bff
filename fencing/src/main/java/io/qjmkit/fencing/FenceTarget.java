package io.qjmkit.fencing;

import java.net.InetSocketAddress;

/**
 * The NameNode to fence: the old active that must provably stop writing before another NameNode
 * is promoted. Never the node about to be promoted.
 *
 * @param nameserviceId the nameservice ({@code $target_nameserviceid})
 * @param namenodeId the NameNode id ({@code $target_namenodeid})
 * @param host its RPC host ({@code $target_host})
 * @param port its RPC port ({@code $target_port})
 */
public record FenceTarget(String nameserviceId, String namenodeId, String host, int port) {

    public static FenceTarget of(String nameserviceId, String namenodeId, InetSocketAddress rpc) {
        return new FenceTarget(nameserviceId, namenodeId, rpc.getHostString(), rpc.getPort());
    }

    /** {@code host:port}, as {@code $target_address}. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return nameserviceId + "." + namenodeId + " (" + address() + ")";
    }
}
