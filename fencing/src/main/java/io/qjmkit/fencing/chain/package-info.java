/**
 * Parsing of {@code dfs.ha.fencing.methods} into method specifications, in Hadoop's syntax: one
 * method per line, {@code sshfence}, {@code sshfence([user][:port])} or {@code shell(command)}. The
 * parser does no I/O and builds no method; it rejects every entry it does not understand, naming the
 * key, the entry and the accepted forms, so a mistake is caught at startup rather than at failover.
 */
package io.qjmkit.fencing.chain;
