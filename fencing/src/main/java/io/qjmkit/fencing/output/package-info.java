/**
 * Relays the output of fence commands (local shell commands and remote SSH commands) into the log,
 * line by line with a prefix naming the method and target. The relay is bounded: a command that
 * prints without end can neither flood the log nor block, because excess lines are counted and
 * dropped while the stream keeps being drained.
 */
package io.qjmkit.fencing.output;
