package io.qjmkit.fencing.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a stand-in NameNode, a separate JVM running {@link PortListenerMain} on a free
 * loopback port. Optionally started with SIGTERM ignored, to force a fence to escalate to SIGKILL.
 */
final class ListenerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ListenerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ListenerProcess start(boolean ignoreTerm) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(PortListenerMain.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .toString();
        List<String> command = new ArrayList<>();
        if (ignoreTerm) {
            // An ignored signal stays ignored across exec, and the JVM then leaves SIGTERM alone.
            command.addAll(List.of("/bin/sh", "-c", "trap '' TERM; exec \"$@\"", "sh"));
        }
        command.addAll(List.of(java, "-cp", classes, PortListenerMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("listener output").startsWith("LISTENING ");
        return new ListenerProcess(
                process, Integer.parseInt(line.substring("LISTENING ".length()).trim()));
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port nothing listens on (just released). */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
