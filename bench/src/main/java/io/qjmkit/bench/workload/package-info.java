/**
 * The measured workloads, each a small class that drives one scenario against an already started
 * journal or NameNode pair and returns {@link io.qjmkit.bench.workload.Figure}s. Every workload warms
 * up before it records, runs for a fixed duration or sample count, and is identical for both
 * journal kinds; nothing here knows which kind it measures.
 */
package io.qjmkit.bench.workload;
