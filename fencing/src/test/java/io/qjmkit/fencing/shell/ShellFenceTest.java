package io.qjmkit.fencing.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qjmkit.fencing.FenceTarget;
import io.qjmkit.fencing.FencingKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellFenceTest {
    private static final FenceTarget TARGET = new FenceTarget("ns1", "nn1", "nn1.example.com", 8020);

    /** Records what it was asked to run and answers a scripted result. */
    private static final class ScriptedRunner implements CommandRunner {
        private final CommandResult result;
        List<String> command;
        Map<String, String> environment;
        Duration timeout;

        ScriptedRunner(CommandResult result) {
            this.result = result;
        }

        @Override
        public CommandResult run(
                List<String> command,
                Map<String, String> environment,
                Duration timeout,
                java.util.function.Consumer<String> outputLine) {
            this.command = command;
            this.environment = environment;
            this.timeout = timeout;
            outputLine.accept("some output");
            return result;
        }
    }

    private static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("dfs.nameservices", "ns1");
        conf.set("dfs.ha.namenodes.ns1", "nn1,nn2");
        conf.set("my-custom.key", "v");
        conf.set("weird key+name", "skipped");
        conf.set("1starts.with.digit", "skipped");
        conf.set("target_host", "from-conf-must-lose");
        return conf;
    }

    @Test
    void runsBashMinusEWithTargetAndConfigurationInTheEnvironment() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(CommandResult.exited(0));
        ShellFence fence = new ShellFence("fence.sh $target_host", conf(), Duration.ofSeconds(7), runner);

        assertThat(fence.fence(TARGET)).isTrue();

        assertThat(runner.command).containsExactly("bash", "-e", "-c", "fence.sh $target_host");
        assertThat(runner.timeout).isEqualTo(Duration.ofSeconds(7));
        assertThat(runner.environment)
                .containsEntry("target_host", "nn1.example.com")
                .containsEntry("target_port", "8020")
                .containsEntry("target_address", "nn1.example.com:8020")
                .containsEntry("target_nameserviceid", "ns1")
                .containsEntry("target_namenodeid", "nn1")
                .containsEntry("dfs_nameservices", "ns1")
                .containsEntry("dfs_ha_namenodes_ns1", "nn1,nn2")
                .containsEntry("my_custom_key", "v")
                .doesNotContainKeys("weird_key+name", "weird key+name", "1starts_with_digit");
        assertThat(fence.describe()).isEqualTo("shell(fence.sh $target_host)");
    }

    @Test
    void failsOnNonZeroExitTimeoutOrFailureToStart() throws Exception {
        for (CommandResult result : List.of(
                CommandResult.exited(1),
                CommandResult.exited(255),
                CommandResult.timedOut("killed"),
                CommandResult.notStarted("no bash"))) {
            ShellFence fence = new ShellFence("true", conf(), Duration.ofSeconds(1), new ScriptedRunner(result));
            assertThat(fence.fence(TARGET)).as(result.toString()).isFalse();
        }
    }

    @Test
    void takesTheTimeoutFromConfiguration() throws Exception {
        Configuration conf = conf();
        conf.set(FencingKeys.SHELL_TIMEOUT_MS, "2500");
        assertThat(ShellFence.fromConfiguration("true", conf).timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(ShellFence.fromConfiguration("true", new Configuration(false))
                        .timeout())
                .isEqualTo(Duration.ofMillis(30_000));
    }

    @Test
    void realBashSeesTargetAndConfigurationVariables(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        ShellFence fence = ShellFence.fromConfiguration(
                "echo \"$target_host:$target_port $target_address $target_nameserviceid.$target_namenodeid"
                        + " $dfs_nameservices $my_custom_key\" > " + out,
                conf());

        assertThat(fence.fence(TARGET)).isTrue();
        assertThat(Files.readString(out).trim()).isEqualTo("nn1.example.com:8020 nn1.example.com:8020 ns1.nn1 ns1 v");
    }

    @Test
    void realBashFailureStopsAtTheFirstFailingCommand(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        ShellFence fence = ShellFence.fromConfiguration("false; touch " + marker, conf());

        assertThat(fence.fence(TARGET)).isFalse();
        assertThat(marker).doesNotExist();
    }

    @Test
    void realCommandThatHangsIsKilledWithItsChildrenAtTheTimeout(@TempDir Path dir) throws Exception {
        Path shellPid = dir.resolve("shell.pid");
        Path childPid = dir.resolve("child.pid");
        ShellFence fence = new ShellFence(
                "echo $$ > " + shellPid + "; sleep 30 & echo $! > " + childPid + "; wait",
                conf(),
                Duration.ofMillis(500),
                new ProcessCommandRunner());

        long start = System.nanoTime();
        assertThat(fence.fence(TARGET)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        List<Long> pids = new ArrayList<>();
        pids.add(Long.parseLong(Files.readString(shellPid).trim()));
        pids.add(Long.parseLong(Files.readString(childPid).trim()));
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                        .as("pid %d", pid)
                        .isNotEqualTo(java.util.Optional.of(true))));
    }
}
