/**
 * The on-disk layout of a journal, byte-compatible with Hadoop's JournalNode: VERSION, epoch
 * files, pre-allocated segment files of framed ops and Paxos accept records. Every disk access
 * goes through {@link io.qjmkit.journalnode.storage.Disk} so tests can inject faults; small
 * files are replaced atomically and durably, and readers are bounded by a segment's durable end.
 */
package io.qjmkit.journalnode.storage;
