/**
 * Counters and fsync latency of one JournalNode. Recording is lock-free ({@link
 * java.util.concurrent.atomic.LongAdder}) because the write path records on every batch; reading is
 * a {@link io.qjmkit.journalnode.metrics.MetricsSnapshot} that is serialized as JSON by the status
 * endpoint. A snapshot is consistent per counter, not across counters.
 */
package io.qjmkit.journalnode.metrics;
