/**
 * One channel per JournalNode. A channel stamps every state-changing request with the writer's
 * epoch, an increasing serial and the commit point, and writes them on a connection of their own
 * from the calling thread, in order; the thread that waits for the quorum reads the answers
 * itself ({@link io.qjmkit.client.channel.WriterLinks}), so a flush passes no batch or ack between
 * threads. Reads and other calls use a separate connection on a shared event loop. It also keeps the batches of the open segment
 * that its JournalNode has not acknowledged, so a lagging or restarted JournalNode catches up
 * within the segment; when it falls further behind than that buffer holds it is left out until the
 * next segment.
 */
package io.qjmkit.client.channel;
