package io.qjmkit.zkfc.cli;

import io.qjmkit.zkfc.config.ZkfcConfigException;
import io.qjmkit.zkfc.config.ZkfcKeys;
import io.qjmkit.zkfc.config.ZooKeeperSettings;
import io.qjmkit.zkfc.election.CuratorClients;
import io.qjmkit.zkfc.election.ElectionException;
import io.qjmkit.zkfc.election.ZnodeFormatter;
import io.qjmkit.zkfc.election.ZnodeLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.DFSUtil;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.util.GenericOptionsParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main class of {@code bin/zkfc}: runs the failover controller for the local NameNode in the
 * foreground, or with {@code -formatZK} prepares ZooKeeper. Exit codes: 0 success, 1 bad
 * arguments, bad configuration or failure, 2 {@code -formatZK} refused (znode exists).
 */
public final class ZkfcMain {
    private static final Logger LOG = LoggerFactory.getLogger(ZkfcMain.class);

    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_FORMAT_DENIED = 2;

    static final String USAGE = String.join(
            "\n",
            "Usage: zkfc [generic options] [-formatZK [-force] [-nonInteractive]]",
            "  (no command)     run the failover controller of the local NameNode in the foreground",
            "  -formatZK        create the nameservice znode <" + ZkfcKeys.ZK_PARENT_ZNODE + ">/<nameservice>",
            "    -force         delete and re-create it when it exists",
            "    -nonInteractive  never ask; exit 2 when it exists and -force is not given",
            "  -help, --help    this text",
            "Generic options: -D key=value, -conf <file>. Configuration comes from HADOOP_CONF_DIR.");

    private ZkfcMain() {}

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err, new CountDownLatch(1));
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * Runs the command; for the daemon, blocks until {@code stop} is counted down or the JVM shuts
     * down.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, CountDownLatch stop) {
        return run(new HdfsConfiguration(), args, in, out, err, stop);
    }

    /** {@link #run(String[], InputStream, PrintStream, PrintStream, CountDownLatch)} over {@code base}. */
    public static int run(
            Configuration base, String[] args, InputStream in, PrintStream out, PrintStream err, CountDownLatch stop) {
        Configuration conf;
        String[] rest;
        try {
            GenericOptionsParser parser = new GenericOptionsParser(new HdfsConfiguration(base), args);
            conf = parser.getConfiguration();
            rest = parser.getRemainingArgs();
        } catch (IOException | RuntimeException e) {
            err.println("zkfc: bad generic option: " + e.getMessage());
            return EXIT_ERROR;
        }
        List<String> argv = List.of(rest);
        if (argv.contains("-help") || argv.contains("--help") || argv.contains("-h")) {
            out.println(USAGE);
            return EXIT_OK;
        }
        boolean format = false;
        boolean force = false;
        boolean nonInteractive = false;
        for (String arg : argv) {
            switch (arg) {
                case "-formatZK" -> format = true;
                case "-force" -> force = true;
                case "-nonInteractive" -> nonInteractive = true;
                default -> {
                    err.println("zkfc: unknown argument '" + arg + "'\n" + USAGE);
                    return EXIT_ERROR;
                }
            }
        }
        if ((force || nonInteractive) && !format) {
            err.println("zkfc: -force and -nonInteractive go with -formatZK\n" + USAGE);
            return EXIT_ERROR;
        }
        try {
            return format ? formatZk(conf, force, nonInteractive, in, out, err) : runDaemon(conf, stop);
        } catch (ZkfcConfigException e) {
            err.println("zkfc: " + e.getMessage());
            return EXIT_ERROR;
        } catch (IOException | RuntimeException e) {
            err.println("zkfc: " + e.getMessage());
            LOG.error("zkfc failed", e);
            return EXIT_ERROR;
        }
    }

    private static int runDaemon(Configuration conf, CountDownLatch stop) throws IOException {
        ControllerDaemon daemon = ControllerDaemon.create(conf);
        CountDownLatch closed = new CountDownLatch(1);
        // On SIGTERM the JVM does not wait for main: the hook waits (bounded) for the clean close.
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        closed.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "zkfc-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.start();
            stop.await();
            return EXIT_OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_OK;
        } finally {
            LOG.info("Stopping the failover controller");
            daemon.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                LOG.debug("JVM already shutting down");
            }
        }
    }

    static int formatZk(
            Configuration base, boolean force, boolean nonInteractive, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        String nsId = DFSUtil.getNamenodeNameServiceId(base);
        if (nsId == null) {
            throw new ZkfcConfigException("Cannot tell which nameservice to format: set "
                    + DFSConfigKeys.DFS_NAMESERVICES + " (one nameservice) or " + DFSConfigKeys.DFS_NAMESERVICE_ID);
        }
        Configuration conf = new HdfsConfiguration(base);
        DFSUtil.setGenericConf(conf, nsId, null, ZkfcKeys.SCOPED_KEYS);
        ZooKeeperSettings zk = ZooKeeperSettings.fromConfiguration(conf);
        ZnodeLayout layout = new ZnodeLayout(zk.parentZnode(), nsId);
        try (CuratorFramework client = CuratorClients.build(zk)) {
            client.start();
            if (!client.blockUntilConnected(zk.sessionTimeoutMs(), TimeUnit.MILLISECONDS)) {
                throw new ElectionException("Cannot connect to ZooKeeper " + zk.quorum() + " within "
                        + zk.sessionTimeoutMs() + " ms: check " + ZkfcKeys.ZK_QUORUM);
            }
            ZnodeFormatter formatter = new ZnodeFormatter(client, layout);
            if (formatter.exists() && !force) {
                if (nonInteractive) {
                    err.println("zkfc: znode " + layout.nameservicePath() + " already exists; not formatting"
                            + " (add -force to delete and re-create it)");
                    return EXIT_FORMAT_DENIED;
                }
                out.print("Znode " + layout.nameservicePath() + " already exists. Delete it and everything under it"
                        + " (Y or N)? ");
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
                    err.println("zkfc: not formatting " + layout.nameservicePath());
                    return EXIT_FORMAT_DENIED;
                }
                force = true;
            }
            ZnodeFormatter.Result result = formatter.format(force);
            out.println("Formatted " + layout.nameservicePath() + " in ZooKeeper " + zk.quorum() + ": " + result);
            return EXIT_OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting", e);
        }
    }
}
