/**
 * The JournalNode wire protocol. {@link io.qjmkit.protocol.message} holds the request and
 * response messages, {@link io.qjmkit.protocol.codec} frames them for Netty, {@link
 * io.qjmkit.protocol.transport} is the small asynchronous client used by the NameNode plugin and
 * by JournalNodes syncing from their peers, and {@link io.qjmkit.protocol.edits} understands
 * Hadoop's edit-log op framing. Nothing here touches a disk or reads a clock.
 */
package io.qjmkit.protocol;
