/**
 * The {@code shell(command)} fence method: runs an operator's command with {@code bash -e -c}, the
 * fenced NameNode in {@code $target_*} variables and the configuration exported as environment
 * variables, as Hadoop does. Exit status 0 is the only success. Every run is bounded by {@code
 * qjmkit.fencing.shell.timeout.ms}; on timeout the command and all its descendants are killed.
 * Processes are started behind {@link io.qjmkit.fencing.shell.CommandRunner} so tests can script
 * the outcome.
 */
package io.qjmkit.fencing.shell;
