/**
 * Waiting on one call made to every JournalNode. A {@link io.qjmkit.client.quorum.QuorumCall}
 * succeeds as soon as the required number answered, fails as soon as that number can no longer be
 * reached or the timeout passes, and then reports every JournalNode's outcome so an operator sees
 * which node failed and why.
 */
package io.qjmkit.client.quorum;
