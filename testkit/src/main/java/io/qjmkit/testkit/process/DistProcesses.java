package io.qjmkit.testkit.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Starts the built distribution's launchers ({@code bin/journalnode}, {@code bin/namenode}, {@code
 * bin/hdfs}, {@code bin/zkfc}, {@code bin/zookeeper}, {@code bin/haadmin}) as separate processes,
 * each with its own configuration directory, and kills only the processes it started, by PID.
 */
public final class DistProcesses implements AutoCloseable {
    /** The system property naming the built distribution's directory (dist/target/qjm-kit-VERSION). */
    public static final String DIST_DIR_PROPERTY = "qjmkit.dist.dir";

    private final Path dist;
    private final Path workDir;
    private final List<Process> started = new CopyOnWriteArrayList<>();

    /** Processes of the distribution named by the system property {@value #DIST_DIR_PROPERTY}. */
    public DistProcesses(Path workDir) {
        this(defaultDist(), workDir);
    }

    /** Processes of the distribution at {@code dist}, with their configuration and logs under {@code workDir}. */
    public DistProcesses(Path dist, Path workDir) {
        if (dist == null || !Files.isDirectory(dist.resolve("bin"))) {
            throw new IllegalStateException(dist + " is not a built distribution (no bin/): set -D" + DIST_DIR_PROPERTY
                    + " to dist/target/qjm-kit-<version> after 'mvn -B package -DskipTests'");
        }
        this.dist = dist;
        this.workDir = workDir;
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Stops what is still running when the JVM exits without {@link #close()} (e.g. Ctrl-C of the benchmark). */
    private final Thread exitHook = new Thread(this::stopAll, "dist-processes-exit");

    /** The distribution named by {@value #DIST_DIR_PROPERTY}, or null when the property is unset. */
    public static Path defaultDist() {
        String dir = System.getProperty(DIST_DIR_PROPERTY);
        return dir == null ? null : Path.of(dir);
    }

    /**
     * A port nothing listens on now and that this JVM has not handed out before, so that two
     * processes of one cluster (whose ports are all chosen before any starts) never get the same,
     * and below the ephemeral range, so that a killed process restarts on its port ({@link
     * io.qjmkit.testkit.ListenPorts}).
     */
    public static int freePort() {
        return io.qjmkit.testkit.ListenPorts.next();
    }

    /** Writes {@code core-site.xml} and {@code hdfs-site.xml} holding {@code props} into a new conf dir. */
    public Path confDir(String name, Map<String, String> props) throws IOException {
        Path conf = workDir.resolve("conf-" + name);
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("hdfs-site.xml"), HadoopSiteXml.of(props), StandardCharsets.UTF_8);
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
    public Process start(String name, Path conf, String command, String... args) throws IOException {
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
    public int run(String name, Path conf, Duration timeout, String command, String... args) throws Exception {
        Process p = start(name, conf, command, args);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " " + String.join(" ", args) + " did not finish within " + timeout
                    + "; see " + log(name));
        }
        return p.exitValue();
    }

    /** What a finished command printed, separately, and its exit code (255 for Java's -1). */
    public record CliResult(int exit, String stdout, String stderr) {}

    /**
     * Runs {@code bin/<command> args} to completion with {@code stdin} as its input, capturing
     * standard output and error separately (also kept in {@code <name>.out} / {@code <name>.err}).
     */
    public CliResult runCaptured(String name, Path conf, Duration timeout, String stdin, String command, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(dist.resolve("bin").resolve(command).toString());
        cmd.addAll(List.of(args));
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        Path in = workDir.resolve(name + ".in");
        Files.writeString(in, stdin);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("HADOOP_CONF_DIR", conf.toString());
        pb.environment().put("QJMKIT_HEAP", "256m");
        // A short-lived command JVM starts faster with the client compiler alone.
        pb.environment().put("QJMKIT_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process p = pb.start();
        started.add(p);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " " + String.join(" ", args) + " did not finish within " + timeout);
        }
        return new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the process, by its PID. */
    public static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                .redirectErrorStream(true)
                .start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + p.pid() + " failed: " + out);
        }
    }

    public Path log(String name) {
        return workDir.resolve(name + ".log");
    }

    public String logText(String name) {
        try {
            return Files.readString(log(name));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    public static void awaitListening(int port, Duration timeout) {
        Poll.until("127.0.0.1:" + port + " listening", timeout, Duration.ofMillis(100), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * SIGKILL, as a crash or an OOM killer would. With several processes, all are signalled before
     * waiting for any, so they die together (as on a lost host).
     */
    public static void kill9(Process... ps) throws InterruptedException {
        for (Process p : ps) {
            p.destroyForcibly();
        }
        for (Process p : ps) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook is stopping the processes.
        }
        stopAll();
    }

    private synchronized void stopAll() {
        for (Process p : started) {
            if (p.isAlive()) {
                // A process a test stopped (SIGSTOP) would not act on SIGTERM.
                try {
                    signal(p, "CONT");
                } catch (Exception | AssertionError e) {
                    // It exited meanwhile: nothing to wake up.
                }
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
