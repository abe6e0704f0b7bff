/**
 * The JournalNode's network side: a Netty server with the protocol codec, a dispatcher that
 * moves every request off the event loop (mutations onto the journal's own single thread, reads
 * onto a small pool), and the mapping of every failure to an error code with a message that names
 * the journal, the epoch or txids and the fix.
 */
package io.qjmkit.journalnode.server;
