package io.qjmkit.zkfc.failover;

/**
 * The outcome of one attempt to make the local NameNode active, for graceful failover's caller.
 *
 * @param succeeded true when the NameNode became active
 * @param status what happened, for the operator
 */
public record AttemptResult(boolean succeeded, String status) {}
