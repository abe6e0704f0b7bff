package io.qjmkit.zkfc.rpc;

import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.failover.FailoverController;
import io.qjmkit.zkfc.failover.GracefulFailover;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.ha.ServiceFailedException;
import org.apache.hadoop.ha.ZKFCProtocol;
import org.apache.hadoop.ha.proto.ZKFCProtocolProtos.ZKFCProtocolService;
import org.apache.hadoop.ha.protocolPB.ZKFCProtocolPB;
import org.apache.hadoop.ha.protocolPB.ZKFCProtocolServerSideTranslatorPB;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.ipc.ProtobufRpcEngine2;
import org.apache.hadoop.ipc.RPC;
import org.apache.hadoop.ipc.Server;
import org.apache.hadoop.net.NetUtils;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authorize.AccessControlList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@link ZKFCProtocol} for one controller over Hadoop RPC (protobuf engine). */
public final class ZkfcRpcServer implements ZKFCProtocol, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkfcRpcServer.class);
    private static final int HANDLERS = 3;

    private final FailoverController controller;
    private final GracefulFailover gracefulFailover;
    private final ControllerTimeouts timeouts;
    private final AccessControlList adminAcl;
    private final String ownUser;
    private final RPC.Server server;
    private final Configuration conf;

    public ZkfcRpcServer(
            Configuration conf,
            InetSocketAddress bindAddress,
            FailoverController controller,
            GracefulFailover gracefulFailover,
            ControllerTimeouts timeouts)
            throws IOException {
        this.controller = controller;
        this.gracefulFailover = gracefulFailover;
        this.timeouts = timeouts;
        this.conf = conf;
        this.adminAcl = new AccessControlList(conf.get(DFSConfigKeys.DFS_ADMIN, " "));
        this.ownUser = UserGroupInformation.getCurrentUser().getShortUserName();
        Configuration rpcConf = new Configuration(conf);
        RPC.setProtocolEngine(rpcConf, ZKFCProtocolPB.class, ProtobufRpcEngine2.class);
        this.server = new RPC.Builder(rpcConf)
                .setProtocol(ZKFCProtocolPB.class)
                .setInstance(
                        ZKFCProtocolService.newReflectiveBlockingService(new ZKFCProtocolServerSideTranslatorPB(this)))
                .setBindAddress(bindAddress.getHostString())
                .setPort(bindAddress.getPort())
                .setNumHandlers(HANDLERS)
                .setVerbose(false)
                .build();
    }

    public void start() {
        server.start();
        LOG.info("[{}] ZKFCProtocol served on {}", controller.local(), address());
        RpcWarmUp.startAgainst(
                NetUtils.getConnectAddress(server),
                conf,
                timeouts.gracefulFenceTimeoutMs(),
                controller.local().toString());
    }

    public InetSocketAddress address() {
        return server.getListenerAddress();
    }

    @Override
    public void cedeActive(int millisToCede) throws IOException {
        checkAdmin("cedeActive");
        LOG.info(
                "[{}] cedeActive({}) requested by {} from {}",
                controller.local(),
                millisToCede,
                UserGroupInformation.getCurrentUser(),
                Server.getRemoteAddress());
        try {
            controller.cedeActive(millisToCede).get(2L * timeouts.gracefulFenceTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ceding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new ServiceFailedException("controller of " + controller.local() + " did not cede within "
                    + 2L * timeouts.gracefulFenceTimeoutMs() + " ms");
        }
    }

    @Override
    public void gracefulFailover() throws IOException {
        checkAdmin("gracefulFailover");
        LOG.info(
                "[{}] gracefulFailover requested by {} from {}",
                controller.local(),
                UserGroupInformation.getCurrentUser(),
                Server.getRemoteAddress());
        try {
            gracefulFailover.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during graceful failover", e);
        }
    }

    private void checkAdmin(String method) throws IOException {
        UserGroupInformation caller = UserGroupInformation.getCurrentUser();
        if (caller.getShortUserName().equals(ownUser) || adminAcl.isUserAllowed(caller)) {
            return;
        }
        throw new AccessControlException("User " + caller.getShortUserName() + " may not call " + method
                + ": only the controller's user (" + ownUser + ") and " + DFSConfigKeys.DFS_ADMIN + " may");
    }

    @Override
    public void close() {
        server.stop();
    }
}
