/**
 * Statistics over measured samples: latency recording, nearest-rank percentiles, and the median and
 * range across repetitions. Also the host's load average and CPU steal, read from {@code /proc},
 * which are recorded beside every figure. Pure computation except {@link
 * io.qjmkit.bench.stats.HostLoad}.
 */
package io.qjmkit.bench.stats;
