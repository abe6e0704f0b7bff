package io.qjmkit.zkfc.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qjmkit.zkfc.config.ControllerTimeouts;
import io.qjmkit.zkfc.target.NameNodeRef;
import io.qjmkit.zkfc.target.RpcNameNodeEndpoint;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSNNTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the health monitor's assumptions against a real NameNode: Hadoop's IPC server keeps an
 * idle, never-talking connection open, closing it means the process is gone, and a NameNode that
 * accepts but never answers is NOT_RESPONDING after the health RPC timeout.
 */
class LivenessConnectionIT {
    private static final Logger LOG = LoggerFactory.getLogger(LivenessConnectionIT.class);

    @TempDir
    java.nio.file.Path base;

    private MiniDFSCluster cluster;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<HealthReport> latest = new AtomicReference<>(HealthReport.initial());

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private HealthMonitor monitor(Configuration conf, NameNodeRef nn, ControllerTimeouts timeouts) {
        SocketLivenessProbe probe = new SocketLivenessProbe(
                nn.namenodeId(), nn.rpcAddress(), timeouts.healthRpcTimeoutMs(), Executors.defaultThreadFactory());
        HealthMonitor monitor = new HealthMonitor(
                nn, RpcNameNodeEndpoint.connector(conf), probe, scheduler, timeouts, new ProbeOrder(), latest::set);
        monitor.start();
        return monitor;
    }

    @Test
    void idleConnectionStaysOpenAndProcessExitIsNoticedWithoutPolling() throws Exception {
        Configuration conf = new HdfsConfiguration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        // The server would close idle connections after 2 x this; the probe must survive it.
        conf.setInt(CommonConfigurationKeysPublic.IPC_CLIENT_CONNECTION_MAXIDLETIME_KEY, 500);
        cluster = new MiniDFSCluster.Builder(conf)
                .nnTopology(MiniDFSNNTopology.simpleHATopology())
                .numDataNodes(0)
                .build();
        cluster.waitActive();
        InetSocketAddress rpc = cluster.getNameNode(0).getServiceRpcAddress();
        NameNodeRef nn = new NameNodeRef("ns", "nn", new InetSocketAddress("127.0.0.1", rpc.getPort()), 8019);
        // One poll a minute: only the liveness connection can notice the exit in time.
        ControllerTimeouts timeouts = new ControllerTimeouts(60_000, 5_000, 5_000, 60_000, 1_000, true);
        try (HealthMonitor monitor = monitor(conf, nn, timeouts)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> latest.get().isHealthy());

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> latest.get()
                    .isHealthy());

            long start = System.nanoTime();
            cluster.shutdownNameNode(0);
            await().atMost(Duration.ofSeconds(3)).until(() -> latest.get().state() == HealthState.NOT_RESPONDING);
            long ms = (System.nanoTime() - start) / 1_000_000;
            LOG.info(
                    "NameNode exit noticed after {} ms (shutdown included): {}",
                    ms,
                    latest.get().reason());
            assertThat(latest.get().reason()).contains("liveness connection");
            assertThat(monitor.report().state()).isEqualTo(HealthState.NOT_RESPONDING);
        }
    }

    @Test
    void hungNameNodeIsNotRespondingAfterHealthRpcTimeout() throws Exception {
        // Accepts connections (as a stopped process's kernel does) but never answers.
        try (ServerSocket hung = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            NameNodeRef nn =
                    new NameNodeRef("ns", "hung", new InetSocketAddress("127.0.0.1", hung.getLocalPort()), 8019);
            ControllerTimeouts timeouts = new ControllerTimeouts(200, 1_000, 1_000, 60_000, 1_000, true);
            long start = System.nanoTime();
            try (HealthMonitor monitor = monitor(new Configuration(), nn, timeouts)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> latest.get().state() == HealthState.NOT_RESPONDING);
                long ms = (System.nanoTime() - start) / 1_000_000;
                LOG.info(
                        "hung NameNode declared NOT_RESPONDING after {} ms: {}",
                        ms,
                        latest.get().reason());
                assertThat(ms).isGreaterThanOrEqualTo(900).isLessThan(5_000);
                assertThat(monitor.report().reason()).contains("SocketTimeoutException");
            }
        }
    }
}
