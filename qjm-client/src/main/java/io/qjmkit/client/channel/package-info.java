/**
 * One channel per JournalNode. A channel stamps every state-changing request with the writer's
 * epoch, an increasing serial and the commit point, and sends them from a single event-loop
 * thread so they reach the JournalNode in order. It also keeps the batches of the open segment
 * that its JournalNode has not acknowledged, so a lagging or restarted JournalNode catches up
 * within the segment; when it falls further behind than that buffer holds it is left out until the
 * next segment.
 */
package io.qjmkit.client.channel;
