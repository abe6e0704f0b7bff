package io.qjmkit.zkfc.cli;

import io.qjmkit.fencing.FencingChain;
import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.config.ZkfcConfigException;
import io.qjmkit.zkfc.config.ZkfcKeys;
import io.qjmkit.zkfc.config.ZooKeeperSettings;
import io.qjmkit.zkfc.election.CuratorClients;
import io.qjmkit.zkfc.election.CuratorElector;
import io.qjmkit.zkfc.election.ZnodeLayout;
import io.qjmkit.zkfc.failover.FailoverController;
import io.qjmkit.zkfc.failover.GracefulFailover;
import io.qjmkit.zkfc.failover.OldActiveFencer;
import io.qjmkit.zkfc.health.HealthMonitor;
import io.qjmkit.zkfc.health.LivenessProbe;
import io.qjmkit.zkfc.health.ProbeOrder;
import io.qjmkit.zkfc.health.SocketLivenessProbe;
import io.qjmkit.zkfc.rpc.RpcPeerControllers;
import io.qjmkit.zkfc.rpc.ZkfcRpcServer;
import io.qjmkit.zkfc.target.NameNodeConnector;
import io.qjmkit.zkfc.target.NameNodeRef;
import io.qjmkit.zkfc.target.Nameservice;
import io.qjmkit.zkfc.target.RpcNameNodeEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running controller: validated configuration plus the wired parts. {@link #create} only reads
 * and validates (no I/O); {@link #start} connects to ZooKeeper, opens the RPC port and begins
 * watching the NameNode.
 */
public final class ControllerDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerDaemon.class);

    private final Nameservice nameservice;
    private final ZooKeeperSettings zooKeeper;
    private final ControllerTimeouts timeouts;
    private final FencingChain fencing;
    private final Configuration conf;
    private CuratorFramework client;
    private ScheduledExecutorService controllerExecutor;
    private ScheduledExecutorService healthExecutor;
    private FailoverController controller;
    private HealthMonitor healthMonitor;
    private ZkfcRpcServer rpcServer;

    private ControllerDaemon(
            Nameservice nameservice, ZooKeeperSettings zooKeeper, ControllerTimeouts timeouts, FencingChain fencing) {
        this.nameservice = nameservice;
        this.zooKeeper = zooKeeper;
        this.timeouts = timeouts;
        this.fencing = fencing;
        this.conf = nameservice.localConf();
    }

    /** Reads and validates everything; every failure names the key to fix. */
    public static ControllerDaemon create(Configuration base) throws IOException {
        Nameservice ns = Nameservice.resolve(base);
        Configuration conf = ns.localConf();
        if (!conf.getBoolean(ZkfcKeys.AUTO_FAILOVER_ENABLED, false)) {
            throw new ZkfcConfigException("Automatic failover is not enabled for nameservice " + ns.id() + ": set "
                    + ZkfcKeys.AUTO_FAILOVER_ENABLED + " (or " + ZkfcKeys.AUTO_FAILOVER_ENABLED + "." + ns.id()
                    + ") to true");
        }
        FencingChain fencing = FencingChain.fromConfiguration(conf);
        ZooKeeperSettings zk = ZooKeeperSettings.fromConfiguration(conf);
        ControllerTimeouts timeouts;
        try {
            timeouts = ControllerTimeouts.fromConfiguration(conf);
        } catch (IllegalArgumentException e) {
            throw new ZkfcConfigException(e.getMessage());
        }
        return new ControllerDaemon(ns, zk, timeouts, fencing);
    }

    public void start() throws IOException {
        NameNodeRef local = nameservice.local();
        logSummary();
        ZnodeLayout layout = new ZnodeLayout(zooKeeper.parentZnode(), nameservice.id());
        client = CuratorClients.build(zooKeeper);
        client.start();
        controllerExecutor = Executors.newSingleThreadScheduledExecutor(named("zkfc-controller-" + local.namenodeId()));
        healthExecutor = Executors.newSingleThreadScheduledExecutor(named("zkfc-health-" + local.namenodeId()));
        NameNodeConnector connector = RpcNameNodeEndpoint.connector(conf);
        String participant = nameservice.id() + "." + local.namenodeId();
        LivenessProbe probe = timeouts.livenessConnection()
                ? new SocketLivenessProbe(
                        participant,
                        local.rpcAddress(),
                        timeouts.healthRpcTimeoutMs(),
                        named("zkfc-liveness-" + local.namenodeId()))
                : LivenessProbe.NONE;
        ProbeOrder probeOrder = new ProbeOrder();
        // Reports reach the controller only after start(), by which time the field is set.
        healthMonitor = new HealthMonitor(
                local, connector, probe, healthExecutor, timeouts, probeOrder, r -> controller.healthChanged(r));
        controller = new FailoverController(
                local,
                connector,
                listener -> new CuratorElector(client, layout, participant, listener),
                new OldActiveFencer(local, connector, fencing, timeouts.gracefulFenceTimeoutMs()),
                controllerExecutor,
                timeouts,
                probeOrder,
                healthMonitor::checkNow);
        ((CuratorElector) controller.elector()).start();
        GracefulFailover graceful = new GracefulFailover(
                controller, controller.elector(), nameservice, new RpcPeerControllers(conf), timeouts);
        InetSocketAddress bind = new InetSocketAddress(local.rpcAddress().getHostString(), local.zkfcPort());
        rpcServer = new ZkfcRpcServer(conf, bind, controller, graceful, timeouts);
        rpcServer.start();
        controller.start();
        healthMonitor.start();
    }

    public FailoverController controller() {
        return controller;
    }

    public InetSocketAddress rpcAddress() {
        return rpcServer.address();
    }

    private void logSummary() {
        LOG.info(
                "Failover controller for nameservice {} NameNode {} (rpc {}), ZKFCProtocol port {}; other"
                        + " NameNodes {}",
                nameservice.id(),
                nameservice.local().namenodeId(),
                nameservice.local().rpcAddress(),
                nameservice.local().zkfcPort(),
                nameservice.others());
        LOG.info(
                "ZooKeeper {} (session timeout {} ms, parent znode {}, {} ACL entries, {} auth entries)",
                zooKeeper.quorum(),
                zooKeeper.sessionTimeoutMs(),
                zooKeeper.parentZnode(),
                zooKeeper.acls().size(),
                zooKeeper.auths().size());
        LOG.info("Timeouts {}; fencing methods {}", timeouts, fencing.describe());
    }

    @Override
    public void close() {
        if (healthMonitor != null) {
            healthMonitor.close();
        }
        if (controller != null) {
            controller.close();
            controller.elector().close();
        }
        if (rpcServer != null) {
            rpcServer.close();
        }
        shutdown(healthExecutor);
        shutdown(controllerExecutor);
        if (client != null) {
            client.close();
        }
    }

    private static void shutdown(ScheduledExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
