package io.qjmkit.fencing.shell;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a local command to completion or timeout; the seam between {@link ShellFence} and processes. */
public interface CommandRunner {
    /**
     * Runs {@code command} and waits for it.
     *
     * @param command the program and its arguments
     * @param environment variables added to (and overriding) the inherited environment
     * @param timeout how long it may run; when exceeded it and its descendants are killed
     * @param outputLine receives each line of its merged stdout and stderr
     * @throws InterruptedException when interrupted while waiting; the command is killed first
     */
    CommandResult run(
            List<String> command, Map<String, String> environment, Duration timeout, Consumer<String> outputLine)
            throws InterruptedException;
}
