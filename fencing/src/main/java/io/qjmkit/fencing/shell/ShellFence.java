package io.qjmkit.fencing.shell;

import io.qjmkit.fencing.FenceMethod;
import io.qjmkit.fencing.FenceTarget;
import io.qjmkit.fencing.FencingConfigException;
import io.qjmkit.fencing.FencingKeys;
import io.qjmkit.fencing.output.BoundedLineLog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code shell(command)} fence method: the operator's own way to fence (a PDU, a cloud API, a
 * storage switch). Runs {@code bash -e -c command} with the environment of {@link
 * ShellEnvironment}; exit status 0 within the timeout is success, anything else is failure.
 */
public final class ShellFence implements FenceMethod {
    private static final Logger LOG = LoggerFactory.getLogger(ShellFence.class);
    private static final int MAX_OUTPUT_LINES = 200;
    private static final int MAX_LINE_CHARS = 1_000;

    private final String command;
    private final Configuration conf;
    private final Duration timeout;
    private final CommandRunner runner;

    /**
     * A shell fence that runs {@code command} through {@code runner}.
     *
     * @param command the text between the parentheses of {@code shell(...)}
     * @param conf exported to the command's environment at each run
     * @param timeout how long the command may run before it and its descendants are killed
     * @param runner starts the process (tests pass a scripted one)
     */
    public ShellFence(String command, Configuration conf, Duration timeout, CommandRunner runner) {
        if (command.isBlank()) {
            throw new IllegalArgumentException("shell fence needs a command");
        }
        this.command = command;
        this.conf = Objects.requireNonNull(conf, "conf");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * A shell fence running real processes, its timeout from {@code qjmkit.fencing.shell.timeout.ms}.
     *
     * @throws FencingConfigException when the command is empty or the timeout is not a positive number
     */
    public static ShellFence fromConfiguration(String command, Configuration conf) throws FencingConfigException {
        if (command == null || command.isBlank()) {
            throw new FencingConfigException(
                    FencingKeys.METHODS + ": shell() needs a command, e.g. shell(/path/to/fence.sh)");
        }
        long timeoutMs =
                FencingKeys.positiveMillis(conf, FencingKeys.SHELL_TIMEOUT_MS, FencingKeys.SHELL_TIMEOUT_MS_DEFAULT);
        return new ShellFence(command, conf, Duration.ofMillis(timeoutMs), new ProcessCommandRunner());
    }

    /** The command run, as configured. */
    public String command() {
        return command;
    }

    /** How long the command may run. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String describe() {
        return "shell(" + command + ")";
    }

    @Override
    public boolean fence(FenceTarget target) throws InterruptedException {
        BoundedLineLog output =
                new BoundedLineLog(LOG, "[shell fence] " + target + ":", MAX_OUTPUT_LINES, MAX_LINE_CHARS);
        LOG.info("Fencing {} with {} (timeout {} ms)", target, describe(), timeout.toMillis());
        CommandResult result;
        try {
            result = runner.run(
                    List.of("bash", "-e", "-c", command), ShellEnvironment.of(conf, target), timeout, output::line);
        } finally {
            output.finish();
        }
        switch (result.outcome()) {
            case EXITED -> {
                if (result.exitCode() == 0) {
                    LOG.info("Fencing {}: {} exited with status 0", target, describe());
                    return true;
                }
                LOG.warn(
                        "Fencing {}: {} exited with status {}; fencing by this method failed",
                        target,
                        describe(),
                        result.exitCode());
            }
            case TIMED_OUT -> LOG.warn(
                    "Fencing {}: {} did not finish within {} ms and was killed ({}); raise {} if the command"
                            + " needs longer",
                    target,
                    describe(),
                    timeout.toMillis(),
                    result.detail(),
                    FencingKeys.SHELL_TIMEOUT_MS);
            case NOT_STARTED -> LOG.warn(
                    "Fencing {}: could not start bash for {}: {}; install bash or fix PATH",
                    target,
                    describe(),
                    result.detail());
        }
        return false;
    }

    @Override
    public String toString() {
        return describe();
    }
}
