/**
 * Becoming the writer: take an epoch above every promise a majority has made, then settle the
 * newest segment with one round of Paxos (prepare, choose, accept, finalize) so every transaction
 * any earlier writer had acknowledged ends up in a finalized segment; when every promise already
 * names that segment finalized (after a graceful failover) there is nothing to settle. {@link
 * io.qjmkit.client.recovery.RecoveryChoice} is the pure decision of which copy wins.
 */
package io.qjmkit.client.recovery;
