package io.qjmkit.bench.workload;

import java.time.Duration;

/**
 * How long each workload warms up and measures, and how many samples the sampled ones take. {@link
 * #QUICK} keeps a whole run under five minutes on two cores; {@link #FULL} under twenty.
 */
public record Durations(Duration warmup, Duration measure, int lagSamples, int diskSamples) {
    public static final Durations QUICK = new Durations(Duration.ofSeconds(1), Duration.ofMillis(2500), 200, 500);
    public static final Durations FULL = new Durations(Duration.ofSeconds(2), Duration.ofSeconds(5), 600, 2000);
}
