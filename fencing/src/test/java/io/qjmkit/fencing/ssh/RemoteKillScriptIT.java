package io.qjmkit.fencing.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The remote kill-and-verify script run locally (no SSH) against a real listening process, through
 * each of its fallbacks: fuser, {@code ss -p} with kill when fuser is missing, fuser as the checker
 * when ss is missing, SIGKILL when SIGTERM is ignored, and refusal when nothing can check the port.
 */
class RemoteKillScriptIT {

    private record Run(int exitCode, String output) {}

    private static Run run(int port, Set<String> hidden) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("/bin/sh", "-c", RemoteKillScript.forPort(port, hidden))
                .redirectErrorStream(true)
                .start();
        String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(sh.exitValue(), output);
    }

    private static void assertKills(Set<String> hidden, String expectedOutput) throws Exception {
        try (ListenerProcess listener = ListenerProcess.start(false)) {
            Run run = run(listener.port(), hidden);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(RemoteKillScript.PORT_FREE);
            assertThat(run.output()).contains(expectedOutput);
            assertThat(listener.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ListenerProcess.portIsFree(listener.port())).isTrue();
        }
    }

    @Test
    void killsWithFuser() throws Exception {
        assertKills(Set.of(), "fuser sent TERM to:");
    }

    @Test
    void killsThePidsSsReportsWhenFuserIsMissing() throws Exception {
        assertKills(Set.of("fuser"), "kill -TERM ");
    }

    @Test
    void checksWithFuserWhenSsIsMissing() throws Exception {
        assertKills(Set.of("ss"), "is free after TERM");
    }

    @Test
    void escalatesToKillWhenTermIsIgnored() throws Exception {
        try (ListenerProcess listener = ListenerProcess.start(true)) {
            Run run = run(listener.port(), Set.of());

            assertThat(run.exitCode()).as(run.output()).isEqualTo(RemoteKillScript.PORT_FREE);
            assertThat(run.output()).contains("sending KILL").contains("is free after KILL");
            assertThat(listener.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void succeedsWithoutKillingWhenNothingListens() throws Exception {
        Run run = run(ListenerProcess.freePort(), Set.of());

        assertThat(run.exitCode()).isEqualTo(RemoteKillScript.PORT_FREE);
        assertThat(run.output()).contains("nothing listens");
    }

    @Test
    void refusesWhenNoToolCanCheckThePortAndKillsNothing() throws Exception {
        try (ListenerProcess listener = ListenerProcess.start(false)) {
            Run run = run(listener.port(), Set.of("ss", "fuser", "lsof", "netstat"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(RemoteKillScript.CANNOT_CHECK);
            assertThat(run.output()).contains("cannot prove");
            assertThat(listener.process().isAlive()).isTrue();
        }
    }
}
