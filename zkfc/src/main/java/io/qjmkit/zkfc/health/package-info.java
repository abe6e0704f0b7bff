/**
 * Watches the local NameNode and reports {@link io.qjmkit.zkfc.health.HealthState} changes. A
 * poll of {@code monitorHealth} runs every check interval and is bounded by the health RPC
 * timeout, so a hung NameNode becomes NOT_RESPONDING after that timeout; an idle TCP connection to
 * the NameNode's RPC port (the liveness connection) turns the exit of the NameNode process into
 * NOT_RESPONDING at once, without waiting for the next poll.
 */
package io.qjmkit.zkfc.health;
