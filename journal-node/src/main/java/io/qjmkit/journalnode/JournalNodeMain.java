package io.qjmkit.journalnode;

import io.qjmkit.journalnode.config.ConfigException;
import io.qjmkit.journalnode.config.GenericOptions;
import io.qjmkit.journalnode.config.HadoopXmlConfig;
import io.qjmkit.journalnode.config.JournalNodeConfig;
import io.qjmkit.journalnode.config.JournalNodeConfigLoader;
import io.qjmkit.journalnode.metrics.CounterJournalMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: {@code journalnode [-D key=value]... [--help]}. Reads {@code
 * core-site.xml}/{@code hdfs-site.xml} from {@code $HADOOP_CONF_DIR} (default {@code ./etc/hadoop}),
 * runs in the foreground until killed, and exits non-zero with a one-line reason on bad
 * arguments or configuration.
 */
public final class JournalNodeMain {
    static final String USAGE = String.join(
            "\n",
            "Usage: journalnode [-D key=value]... [--help]",
            "Runs a qjm-kit JournalNode in the foreground.",
            "Configuration: core-site.xml and hdfs-site.xml in $HADOOP_CONF_DIR; keys:",
            "  dfs.journalnode.edits.dir      storage directory",
            "  dfs.journalnode.rpc-address    journal protocol address (default 0.0.0.0:8485)",
            "  dfs.journalnode.http-address   status endpoint (default 0.0.0.0:8480)",
            "  dfs.namenode.shared.edits.dir  qjournal://... URI naming the peer JournalNodes",
            "  dfs.journalnode.enable.sync, dfs.journalnode.sync.interval (ms)");

    private JournalNodeMain() {}

    public static void main(String[] args) {
        int rc = run(args, System.out, System.err);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** Starts the node and blocks until the JVM shuts down; returns an exit code on failure. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        JournalNodeConfig config;
        try {
            config = parse(args, out);
            if (config == null) {
                return 0;
            }
        } catch (ConfigException e) {
            err.println("journalnode: " + e.getMessage());
            return 2;
        }
        JournalNode node = new JournalNode(config, new CounterJournalMetrics());
        try {
            node.start();
        } catch (Exception e) {
            err.println("journalnode: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "jn-shutdown"));
        out.println("JournalNode running: rpc " + node.rpcAddress() + ", status " + node.httpAddress());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The configuration, or null when only help was asked for. */
    static JournalNodeConfig parse(String[] args, PrintStream out) {
        GenericOptions options = GenericOptions.parse(Arrays.asList(args));
        for (String arg : options.remaining()) {
            if (arg.equals("--help") || arg.equals("-help") || arg.equals("-h")) {
                out.println(USAGE);
                return null;
            }
            throw new ConfigException("unknown argument '" + arg + "'; see journalnode --help");
        }
        String confDir = System.getenv("HADOOP_CONF_DIR");
        Path dir = Path.of(confDir == null || confDir.isBlank() ? "etc/hadoop" : confDir);
        HadoopXmlConfig conf = HadoopXmlConfig.fromConfDir(dir, options.overrides());
        return new JournalNodeConfigLoader().load(conf.toMap());
    }
}
