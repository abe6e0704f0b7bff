package io.qjmkit.fencing.shell;

/**
 * How a command run by a {@link CommandRunner} ended.
 *
 * @param outcome whether it exited, timed out or never started
 * @param exitCode its exit status when it exited, otherwise -1
 * @param detail why it did not start, or other context for the log; empty when none
 */
public record CommandResult(Outcome outcome, int exitCode, String detail) {

    /** The ways a command run ends. */
    public enum Outcome {
        EXITED,
        TIMED_OUT,
        NOT_STARTED
    }

    public static CommandResult exited(int exitCode) {
        return new CommandResult(Outcome.EXITED, exitCode, "");
    }

    public static CommandResult timedOut(String detail) {
        return new CommandResult(Outcome.TIMED_OUT, -1, detail);
    }

    public static CommandResult notStarted(String detail) {
        return new CommandResult(Outcome.NOT_STARTED, -1, detail);
    }

    /** True only for exit status 0. */
    public boolean succeeded() {
        return outcome == Outcome.EXITED && exitCode == 0;
    }
}
