/**
 * The JournalNode: {@link io.qjmkit.journalnode.JournalNode} wires storage, journals, the RPC
 * server, the status endpoint and peer sync, and owns their lifecycle; {@link
 * io.qjmkit.journalnode.JournalNodeMain} is the command-line entry point.
 */
package io.qjmkit.journalnode;
