package io.qjmkit.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WallProfileTest {
    @TempDir
    Path dir;

    @Test
    void samplesOnlyTheAddedThreadEvenWhileItWaitsAndKeepsTheStacksGzipped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread waiting = new Thread(() -> awaitQuietly(release), "profiled-waiter");
        Thread other = new Thread(() -> awaitUnprofiled(release), "not-profiled");
        waiting.start();
        other.start();
        Path file = dir.resolve("p.collapsed");
        List<String> stacks;
        try (WallProfile profile = WallProfile.start(file, Duration.ofMillis(1))) {
            profile.add(waiting);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (profile.samples() < 20 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            stacks = profile.stop();
        } finally {
            release.countDown();
        }
        assertThat(stacks).isNotEmpty();
        assertThat(String.join("\n", stacks))
                .as("a waiting thread is sampled too: this is wall-clock time, not CPU")
                .contains("WallProfileTest.awaitQuietly")
                .contains("CountDownLatch.await")
                .doesNotContain("awaitUnprofiled");
        long samples = stacks.stream()
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        assertThat(samples).isGreaterThanOrEqualTo(20);
        assertThat(file).doesNotExist();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("p.collapsed.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
                    .containsExactlyElementsOf(stacks);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUnprofiled(CountDownLatch latch) {
        awaitQuietly(latch);
    }

    @Test
    void stopAfterCloseIsHarmless() throws IOException {
        WallProfile profile = WallProfile.start(dir.resolve("q.collapsed"), Duration.ofMillis(5));
        profile.close();
        profile.close();
        assertThat(dir.resolve("q.collapsed")).exists();
    }
}
