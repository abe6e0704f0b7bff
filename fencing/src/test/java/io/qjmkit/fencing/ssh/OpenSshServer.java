package io.qjmkit.fencing.ssh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a real OpenSSH server on 127.0.0.1 and a free port, run as a child process with
 * throwaway host and user keys in a temporary directory. It accepts only the generated user key
 * and writes a known-hosts file listing its host keys. Close stops it (and its session processes)
 * by PID.
 *
 * <p>Keys are ECDSA: sshd-core 2.14 decodes ed25519 only with the net.i2p.crypto:eddsa library,
 * which we do not ship. The server also gets an ed25519 host key (listed in known_hosts too), as a
 * default OpenSSH install has, to prove such lines do not disturb the check.
 */
final class OpenSshServer implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;

    private OpenSshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts sshd with its files under {@code dir}; fails the test if OpenSSH is not installed. */
    static OpenSshServer start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            fail(SSHD + " is missing: run ./test.sh, which installs openssh-server and psmisc, or apt-get install"
                    + " openssh-server psmisc");
        }
        keygen(dir.resolve("host_ecdsa"), "ecdsa");
        keygen(dir.resolve("host_ed25519"), "ed25519");
        keygen(dir.resolve("id_ecdsa"), "ecdsa");
        Files.copy(dir.resolve("id_ecdsa.pub"), dir.resolve("authorized_keys"));
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + dir.resolve("host_ecdsa"),
                        "HostKey " + dir.resolve("host_ed25519"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PubkeyAuthentication yes",
                        "StrictModes no",
                        "UsePAM no",
                        "PermitRootLogin yes",
                        "PidFile " + dir.resolve("sshd.pid"),
                        "LogLevel VERBOSE",
                        ""));
        Files.createDirectories(Path.of("/run/sshd"));
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        OpenSshServer server = new OpenSshServer(dir, port, process);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            fail("sshd exited with status " + process.exitValue() + ": " + server.log());
                        }
                        return accepts(port);
                    });
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        server.writeKnownHosts(dir.resolve("known_hosts"), "[127.0.0.1]:" + port);
        return server;
    }

    int port() {
        return port;
    }

    /** The private key the server accepts. */
    Path userKey() {
        return dir.resolve("id_ecdsa");
    }

    /** A known-hosts file listing both host keys for {@code [127.0.0.1]:port}. */
    Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** Writes a known-hosts file listing this server's host keys under {@code hostPattern}. */
    void writeKnownHosts(Path file, String hostPattern) throws IOException {
        Files.write(
                file,
                List.of(
                        hostPattern + " "
                                + Files.readString(dir.resolve("host_ed25519.pub"))
                                        .trim(),
                        hostPattern + " "
                                + Files.readString(dir.resolve("host_ecdsa.pub"))
                                        .trim()));
    }

    /** Generates an unencrypted key pair {@code file} and {@code file.pub}. */
    static void keygen(Path file, String type) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder(
                        "ssh-keygen", "-q", "-N", "", "-t", type, "-C", "qjmkit-test", "-f", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            fail("ssh-keygen -t " + type + " failed: " + output);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no sshd log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> sessions = process.descendants().toList();
        process.destroy();
        sessions.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sessions.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
