package io.qjmkit.bench.workload;

import java.time.Duration;

/**
 * How long each workload warms up and measures, and how many samples the sampled ones take. {@link
 * #QUICK} keeps a whole run under five minutes on two cores; {@link #FULL} under twenty.
 *
 * @param settle the warm-up of the journal's first, uncounted phase: together with its measurement
 *     about seven seconds in both modes, about how long fresh JournalNodes took to settle here
 */
public record Durations(Duration warmup, Duration measure, Duration settle, int lagSamples, int diskSamples) {
    public static final Durations QUICK =
            new Durations(Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofMillis(4500), 200, 500);
    public static final Durations FULL =
            new Durations(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2), 600, 2000);
}
