package io.qjmkit.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quorum journal (real writer recovery and output stream, real JournalNode journal code) in one
 * thread on a simulated network and disk, over many seeds; see {@link QuorumSimulation} for the
 * faults and the invariants checked after every step. The first seed is printed; {@code
 * -Dqjmkit.seed=N} replays one run, {@code -Dqjmkit.sim.seeds=K} runs more.
 */
class QuorumSimTest {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumSimTest.class);
    private static final int STEPS = 300;

    @TempDir
    Path dir;

    @Test
    void acknowledgedTxidsSurviveWriterChangesCrashesAndLostMessages() throws IOException {
        Long replay = Long.getLong("qjmkit.seed");
        long first = replay != null ? replay : System.nanoTime();
        int seeds = replay != null ? 1 : Integer.getInteger("qjmkit.sim.seeds", 100);
        System.out.println("QuorumSimTest: seeds " + first + " .. " + (first + seeds - 1));
        int acked = 0;
        int recoveries = 0;
        int crashes = 0;
        int powerCuts = 0;
        int failedWriters = 0;
        long tailedOps = 0;
        long selectedOps = 0;
        for (long seed = first; seed < first + seeds; seed++) {
            QuorumSimulation.Stats s = new QuorumSimulation(seed, dir.resolve("seed-" + seed)).run(STEPS);
            LOG.debug("seed {}: {}", seed, s);
            acked += s.acked();
            recoveries += s.recoveries();
            crashes += s.crashes();
            powerCuts += s.powerCuts();
            failedWriters += s.failedWriters();
            tailedOps += s.tailedOps();
            selectedOps += s.selectedOps();
        }
        LOG.info(
                "{} runs: {} txids acked, {} recoveries, {} failed writers, {} crashes, {} power cuts in fsync,"
                        + " {} ops tailed as durable, {} ops selected for reading",
                seeds,
                acked,
                recoveries,
                failedWriters,
                crashes,
                powerCuts,
                tailedOps,
                selectedOps);
        // The runs must have exercised what they claim to: writes, writer changes and both kinds of crash.
        assertThat(acked).as("txids acked").isGreaterThan(seeds * 10);
        assertThat(recoveries).as("successful recoveries").isGreaterThan(seeds * 3);
        assertThat(failedWriters).as("writers that failed").isGreaterThan(seeds);
        assertThat(crashes).as("crashes").isGreaterThan(seeds * 3);
        assertThat(tailedOps).as("ops a tailing reader took as durable").isGreaterThan(seeds * 10L);
        assertThat(selectedOps).as("ops a manifest reader may read").isGreaterThan(seeds * 10L);
        if (replay == null) {
            assertThat(powerCuts).as("power cuts inside fsync").isGreaterThan(0);
        }
    }
}
