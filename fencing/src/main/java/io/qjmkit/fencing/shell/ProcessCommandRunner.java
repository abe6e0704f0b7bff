package io.qjmkit.fencing.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as local child processes. On timeout or interruption it kills the whole process
 * tree ({@link ProcessHandle#descendants()}), not only the direct child, so no fencing script is
 * left running behind the controller's back.
 */
public final class ProcessCommandRunner implements CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandRunner.class);

    /** How long to wait for killed processes to go away and for the output to be read to its end. */
    private static final long CLEANUP_WAIT_MS = 5_000;

    @Override
    public CommandResult run(
            List<String> command, Map<String, String> environment, Duration timeout, Consumer<String> outputLine)
            throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return CommandResult.notStarted(e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("Closing stdin of pid {} failed", process.pid(), e);
        }
        Thread reader = new Thread(() -> relay(process, outputLine), "fence-command-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                int killed = killTree(process);
                reader.join(CLEANUP_WAIT_MS);
                return CommandResult.timedOut(
                        "pid " + process.pid() + " killed with " + killed + " descendant process(es)");
            }
            reader.join(CLEANUP_WAIT_MS);
            return CommandResult.exited(process.exitValue());
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
    }

    private static void relay(Process process, Consumer<String> outputLine) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                outputLine.accept(line);
            }
        } catch (IOException e) {
            LOG.debug("Reading the output of pid {} stopped", process.pid(), e);
        }
    }

    /**
     * Kills the process and every descendant with SIGKILL and waits (bounded) until they are gone.
     * Descendants are collected while the root is still alive, twice, so children forked during the
     * first sweep are caught by the second.
     */
    private static int killTree(Process process) throws InterruptedException {
        List<ProcessHandle> first = process.descendants().toList();
        first.forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> second = process.descendants().toList();
        second.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        List<ProcessHandle> all =
                Stream.concat(first.stream(), second.stream()).distinct().toList();
        CompletableFuture<?>[] exits = Stream.concat(Stream.of(process.toHandle()), all.stream())
                .map(ProcessHandle::onExit)
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(exits).get(CLEANUP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn(
                    "Fence command pid {}: some killed processes did not exit within {} ms",
                    process.pid(),
                    CLEANUP_WAIT_MS);
        }
        return all.size();
    }
}
