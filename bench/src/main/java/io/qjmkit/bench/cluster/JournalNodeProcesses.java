package io.qjmkit.bench.cluster;

import io.qjmkit.testkit.process.HadoopSiteXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three JournalNodes of one {@link JournalKind} on 127.0.0.1, each in its own JVM as deployed, each
 * with its own configuration directory and storage under one work directory. Stopping kills exactly
 * the processes started here, by PID (SIGTERM, then SIGKILL after a grace period).
 */
public final class JournalNodeProcesses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalNodeProcesses.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int NODES = 3;

    private final JournalKind kind;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> rpcPorts = new ArrayList<>();
    private final List<Integer> httpPorts = new ArrayList<>();
    /** Stops the JournalNodes if the benchmark JVM is interrupted (Ctrl-C, SIGTERM) before close. */
    private final Thread stopOnExit = new Thread(this::stopProcesses, "stop-journalnodes");

    private JournalNodeProcesses(JournalKind kind) {
        this.kind = kind;
    }

    /**
     * Starts three JournalNodes and waits until each accepts connections on its RPC port.
     *
     * @param jvmFlags identical for both kinds
     * @param jfrDir when not null, each JournalNode records a JFR profile there
     */
    public static JournalNodeProcesses start(
            JournalKind kind, Distribution dist, Path workDir, List<String> jvmFlags, Path jfrDir) throws IOException {
        JournalNodeProcesses jns = new JournalNodeProcesses(kind);
        Runtime.getRuntime().addShutdownHook(jns.stopOnExit);
        try {
            int[] rpc = new int[NODES];
            int[] http = new int[NODES];
            for (int i = 0; i < NODES; i++) {
                rpc[i] = freePort();
                http[i] = freePort();
                jns.rpcPorts.add(rpc[i]);
                jns.httpPorts.add(http[i]);
            }
            for (int i = 0; i < NODES; i++) {
                jns.processes.add(jns.launch(i, dist, workDir, jvmFlags, jfrDir, rpc[i], http[i]));
            }
            for (int i = 0; i < NODES; i++) {
                jns.awaitListening(i, workDir);
            }
            LOG.info("{} JournalNodes up: rpc ports {}, pids {}", kind.label(), jns.rpcPorts, jns.pids());
            return jns;
        } catch (IOException | RuntimeException e) {
            jns.close();
            throw e;
        }
    }

    /** {@code qjournal://127.0.0.1:p1;127.0.0.1:p2;127.0.0.1:p3/<journalId>}. */
    public URI quorumUri(String journalId) {
        StringBuilder b = new StringBuilder("qjournal://");
        for (int i = 0; i < rpcPorts.size(); i++) {
            b.append(i == 0 ? "" : ";").append("127.0.0.1:").append(rpcPorts.get(i));
        }
        return URI.create(b.append('/').append(journalId).toString());
    }

    /** Each JournalNode's status endpoint {@code http://127.0.0.1:<http port>/metrics} (qjm-kit's JSON). */
    public List<URI> metricsUris() {
        return httpPorts.stream()
                .map(p -> URI.create("http://127.0.0.1:" + p + "/metrics"))
                .toList();
    }

    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    private Process launch(
            int i, Distribution dist, Path workDir, List<String> jvmFlags, Path jfrDir, int rpc, int http)
            throws IOException {
        Path home = workDir.resolve("jn" + i);
        Path conf = home.resolve("conf");
        Path edits = home.resolve("edits");
        Files.createDirectories(conf);
        Files.createDirectories(edits);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("dfs.journalnode.edits.dir", edits.toAbsolutePath().toString());
        props.put("dfs.journalnode.rpc-address", "127.0.0.1:" + rpc);
        props.put("dfs.journalnode.http-address", "127.0.0.1:" + http);
        props.put("dfs.namenode.shared.edits.dir", quorumUri("ns1").toString());
        // Hadoop's JournalNode enables its edits cache (RPC tailing of in-progress edits) only when
        // its own configuration has this key, as the shared hdfs-site.xml of a deployment does.
        props.put("dfs.ha.tail-edits.in-progress", "true");
        writeSiteFiles(conf, props);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        if (jfrDir != null) {
            Files.createDirectories(jfrDir);
            cmd.add("-XX:StartFlightRecording=dumponexit=true,settings=profile,filename="
                    + jfrDir.resolve(kind.label() + "-jn" + i + ".jfr").toAbsolutePath());
        }
        cmd.add("-Dhadoop.log.dir=" + home.toAbsolutePath());
        cmd.add("-Dhadoop.root.logger=WARN,console");
        cmd.add("-cp");
        cmd.add(conf.toAbsolutePath() + java.io.File.pathSeparator + kind.classpath(dist));
        cmd.add(kind.journalNodeMain());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("journalnode.log").toFile());
        pb.environment().put("HADOOP_CONF_DIR", conf.toAbsolutePath().toString());
        return pb.start();
    }

    static void writeSiteFiles(Path conf, Map<String, String> props) throws IOException {
        Files.writeString(conf.resolve("hdfs-site.xml"), HadoopSiteXml.of(props), StandardCharsets.UTF_8);
        Files.writeString(
                conf.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n</configuration>\n");
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "log4j.rootLogger=${hadoop.root.logger}",
                        "hadoop.root.logger=WARN,console",
                        "log4j.appender.console=org.apache.log4j.ConsoleAppender",
                        "log4j.appender.console.target=System.err",
                        "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
                        "log4j.appender.console.layout.ConversionPattern=%d{ISO8601} %p %c{2}: %m%n",
                        ""));
    }

    private void awaitListening(int i, Path workDir) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int port = rpcPorts.get(i);
        while (System.nanoTime() < deadline) {
            if (!processes.get(i).isAlive()) {
                throw new IllegalStateException(kind.label() + " JournalNode " + i + " exited with "
                        + processes.get(i).exitValue() + " during startup; see "
                        + workDir.resolve("jn" + i).resolve("journalnode.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        throw new IllegalStateException(
                kind.label() + " JournalNode " + i + " did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT
                        + "; see " + workDir.resolve("jn" + i).resolve("journalnode.log"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook stops the processes
        }
        stopProcesses();
    }

    private void stopProcesses() {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    LOG.warn("{} JournalNode pid {} ignored SIGTERM; killing it", kind.label(), p.pid());
                    p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
