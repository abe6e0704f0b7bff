/**
 * Copying segments between JournalNodes: {@link io.qjmkit.journalnode.sync.RpcSegmentFetcher}
 * downloads and verifies a segment over the journal protocol (for recovery and sync), and {@link
 * io.qjmkit.journalnode.sync.PeerSync} periodically fills finalized segments this node lacks. A
 * copy is installed only after it is verified and forced, and never over a finalized segment.
 */
package io.qjmkit.journalnode.sync;
