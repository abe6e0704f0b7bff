package io.qjmkit.zkfc.rpc;

import java.net.InetSocketAddress;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.ha.proto.ZKFCProtocolProtos.CedeActiveRequestProto;
import org.apache.hadoop.ha.proto.ZKFCProtocolProtos.CedeActiveResponseProto;
import org.apache.hadoop.ha.protocolPB.ZKFCProtocolClientSideTranslatorPB;
import org.apache.hadoop.ha.protocolPB.ZKFCProtocolPB;
import org.apache.hadoop.ipc.RPC;
import org.apache.hadoop.ipc.RpcClientUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controller-to-controller RPC path once at start-up, against this controller's own
 * ZKFCProtocol port, with a call that changes nothing: the protocol-signature lookup every Hadoop
 * RPC server answers. Otherwise the first {@code cedeActive} of a graceful failover pays for
 * loading the RPC client and server code of both controllers while clients wait: in the
 * benchmark's first graceful round on 2 cores it took 110-130 ms from one controller to the other,
 * against 15-25 ms in later rounds.
 */
final class RpcWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(RpcWarmUp.class);

    private RpcWarmUp() {}

    /** Starts the warm-up call on a daemon thread; a failure only logs at DEBUG. */
    static void startAgainst(InetSocketAddress own, Configuration base, int timeoutMs, String who) {
        Thread t = new Thread(() -> call(own, base, timeoutMs, who), "zkfc-rpc-warm-up");
        t.setDaemon(true);
        t.start();
    }

    static boolean call(InetSocketAddress own, Configuration base, int timeoutMs, String who) {
        long start = System.nanoTime();
        // The messages of the first real call, which the signature lookup does not touch.
        CedeActiveRequestProto.getDefaultInstance();
        CedeActiveResponseProto.getDefaultInstance();
        try (ZKFCProtocolClientSideTranslatorPB proxy =
                RpcPeerControllers.proxy(own, RpcPeerControllers.clientConf(base), timeoutMs)) {
            boolean supported = RpcClientUtil.isMethodSupported(
                    proxy.getUnderlyingProxyObject(),
                    ZKFCProtocolPB.class,
                    RPC.RpcKind.RPC_PROTOCOL_BUFFER,
                    RPC.getProtocolVersion(ZKFCProtocolPB.class),
                    "cedeActive");
            LOG.debug(
                    "[{}] ZKFCProtocol warm-up against {} took {} ms (cedeActive supported: {})",
                    who,
                    own,
                    (System.nanoTime() - start) / 1_000_000,
                    supported);
            return supported;
        } catch (Exception e) {
            LOG.debug("[{}] ZKFCProtocol warm-up against {} failed: {}", who, own, e.toString());
            return false;
        }
    }
}
