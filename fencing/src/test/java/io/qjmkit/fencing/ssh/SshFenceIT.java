package io.qjmkit.fencing.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.fencing.FenceTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshFence} against a real OpenSSH server on 127.0.0.1, killing a real listening process. */
class SshFenceIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final String ME = System.getProperty("user.name");

    @TempDir
    static Path dir;

    private static OpenSshServer sshd;
    private final List<ListenerProcess> listeners = new ArrayList<>();

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = OpenSshServer.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @AfterEach
    void stopListeners() throws InterruptedException {
        for (ListenerProcess listener : listeners) {
            listener.close();
        }
    }

    private SshFence fence(Path knownHosts, Path key) {
        return new SshFence(
                new SshLogin(ME, sshd.port()),
                new SshSettings(List.of(key), knownHosts, CONNECT_TIMEOUT, COMMAND_TIMEOUT));
    }

    private static FenceTarget target(int port) {
        return new FenceTarget("ns1", "nn1", "127.0.0.1", port);
    }

    private int startListener() throws IOException {
        ListenerProcess listener = ListenerProcess.start(false);
        listeners.add(listener);
        return listener.port();
    }

    @Test
    void killsTheProcessListeningOnTheTargetPortAndProvesThePortFree() throws Exception {
        int port = startListener();
        Process listener = listeners.get(0).process();

        assertThat(fence(sshd.knownHosts(), sshd.userKey()).fence(target(port))).isTrue();

        assertThat(listener.waitFor(10, TimeUnit.SECONDS))
                .as("listener is dead")
                .isTrue();
        assertThat(ListenerProcess.portIsFree(port)).isTrue();
    }

    @Test
    void succeedsWhenNothingListensOnThePort() throws Exception {
        int port = ListenerProcess.freePort();

        assertThat(fence(sshd.knownHosts(), sshd.userKey()).fence(target(port))).isTrue();
        assertThat(ListenerProcess.portIsFree(port)).isTrue();
    }

    @Test
    void refusesAHostWhoseKeyDoesNotMatchKnownHostsAndKillsNothing() throws Exception {
        int port = startListener();
        Path impostor = dir.resolve("impostor_host_key");
        OpenSshServer.keygen(impostor, "ecdsa");
        Path wrongKnownHosts = dir.resolve("wrong_known_hosts");
        java.nio.file.Files.writeString(
                wrongKnownHosts,
                "[127.0.0.1]:" + sshd.port() + " " + Files.readString(dir.resolve("impostor_host_key.pub")));

        assertThat(fence(wrongKnownHosts, sshd.userKey()).fence(target(port))).isFalse();

        assertThat(listeners.get(0).process().isAlive()).isTrue();
        assertThat(ListenerProcess.portIsFree(port)).isFalse();
    }

    @Test
    void refusesAHostMissingFromKnownHosts() throws Exception {
        int port = startListener();
        Path otherHostOnly = dir.resolve("other_known_hosts");
        sshd.writeKnownHosts(otherHostOnly, "[127.0.0.2]:" + sshd.port());

        assertThat(fence(otherHostOnly, sshd.userKey()).fence(target(port))).isFalse();
        assertThat(listeners.get(0).process().isAlive()).isTrue();
    }

    @Test
    void failsWhenTheKeyIsNotAuthorized() throws Exception {
        int port = startListener();
        Path stranger = dir.resolve("stranger_key");
        OpenSshServer.keygen(stranger, "ecdsa");

        assertThat(fence(sshd.knownHosts(), stranger).fence(target(port))).isFalse();
        assertThat(listeners.get(0).process().isAlive()).isTrue();
    }

    @Test
    void givesUpOnAHungRemoteCommandAtTheCommandTimeout() throws Exception {
        Duration commandTimeout = Duration.ofMillis(1500);
        // Prints until its output is gone, so it ends by SIGPIPE once we drop the channel.
        SshFence hanging = new SshFence(
                new SshLogin(ME, sshd.port()),
                new SshSettings(List.of(sshd.userKey()), sshd.knownHosts(), CONNECT_TIMEOUT, commandTimeout),
                port -> "while :; do echo still working on " + port + "; sleep 0.2; done");

        long start = System.nanoTime();
        assertThat(hanging.fence(target(1))).isFalse();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(commandTimeout).isLessThan(commandTimeout.plusSeconds(5));
    }
}
