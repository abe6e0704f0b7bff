/**
 * The JournalNode's read-only HTTP face: {@code /status} (each journal's epochs, segments, commit
 * point and lag), {@code /metrics} and {@code /health}, as JSON over Netty. It only reads
 * snapshots supplied by the journal layer, so it can never change or block a journal.
 */
package io.qjmkit.journalnode.status;
