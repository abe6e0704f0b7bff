package io.qjmkit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Starts the built distribution's launchers ({@code bin/journalnode}, {@code bin/namenode}, {@code
 * bin/hdfs}) as separate processes, each with its own configuration directory, and kills only the
 * processes it started, by PID.
 */
final class DistProcesses implements AutoCloseable {
    private final Path dist;
    private final Path workDir;
    private final List<Process> started = new ArrayList<>();

    DistProcesses(Path workDir) {
        String dir = System.getProperty("qjmkit.dist.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir, "bin"))) {
            throw new IllegalStateException("qjmkit.dist.dir does not point at a built distribution (" + dir
                    + "); run 'mvn -B package -DskipTests' first");
        }
        this.dist = Path.of(dir);
        this.workDir = workDir;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code core-site.xml} and {@code hdfs-site.xml} holding {@code props} into a new conf dir. */
    Path confDir(String name, Map<String, String> props) throws IOException {
        Path conf = workDir.resolve("conf-" + name);
        Files.createDirectories(conf);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        props.forEach((k, v) -> xml.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v)
                .append("</value></property>\n"));
        xml.append("</configuration>\n");
        Files.writeString(conf.resolve("hdfs-site.xml"), xml, StandardCharsets.UTF_8);
        // Client tools (FsShell) read only core-site.xml, so fs.defaultFS must live there.
        String defaultFs = props.getOrDefault("fs.defaultFS", "file:///");
        Files.writeString(
                conf.resolve("core-site.xml"),
                "<?xml version=\"1.0\"?>\n<configuration>\n  <property><name>fs.defaultFS</name><value>" + defaultFs
                        + "</value></property>\n</configuration>\n");
        Files.copy(dist.resolve("etc/hadoop/log4j.properties"), conf.resolve("log4j.properties"));
        return conf;
    }

    /** Starts {@code bin/<command> args} in the background with its output in {@code <name>.log}. */
    Process start(String name, Path conf, String command, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(dist.resolve("bin").resolve(command).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile());
        pb.environment().put("HADOOP_CONF_DIR", conf.toString());
        pb.environment().put("QJMKIT_HEAP", "256m");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Runs {@code bin/<command> args} to completion and returns its exit code. */
    int run(String name, Path conf, Duration timeout, String command, String... args) throws Exception {
        Process p = start(name, conf, command, args);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " " + String.join(" ", args) + " did not finish within " + timeout
                    + "; see " + log(name));
        }
        return p.exitValue();
    }

    Path log(String name) {
        return workDir.resolve(name + ".log");
    }

    String logText(String name) {
        try {
            return Files.readString(log(name));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void awaitListening(int port, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** SIGKILL, as a crash or an OOM killer would. */
    static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        try {
            for (Process p : started) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            started.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }
}
