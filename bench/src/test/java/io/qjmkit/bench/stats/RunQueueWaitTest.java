package io.qjmkit.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RunQueueWaitTest {
    @Test
    void theWaitIsTheSecondSchedstatField() {
        assertThat(RunQueueWait.parseWait("81234567 4567 89\n")).isEqualTo(4567);
        assertThatThrownBy(() -> RunQueueWait.parseWait("42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a schedstat line");
    }

    @Test
    void findsALiveThreadByItsNameAndNotAMissingOne() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(
                () -> {
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "rq-wait-test-thread-with-a-long-name");
        t.start();
        // The JVM gives the kernel thread its name on the new thread itself, before run() begins.
        running.await();
        try {
            Optional<RunQueueWait> found = RunQueueWait.threadNamed("rq-wait-test-thread-with-a-long-name");
            assertThat(found).isPresent();
            assertThat(found.get().nanos()).isGreaterThanOrEqualTo(0);
            assertThat(RunQueueWait.threadNamed("no-such-thread-here")).isEmpty();
        } finally {
            release.countDown();
            t.join();
        }
        assertThat(RunQueueWait.callingThread().nanos()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void twoThreadsSharingAKernelNameAreNotTakenForOne() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable park = () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread a = new Thread(park, "rq-twin-thread-name-a");
        Thread b = new Thread(park, "rq-twin-thread-name-b");
        a.start();
        b.start();
        running.await();
        try {
            assertThat(RunQueueWait.threadNamed("rq-twin-thread-name-a"))
                    .as("both are 'rq-twin-thread-' to the kernel")
                    .isEmpty();
        } finally {
            release.countDown();
            a.join();
            b.join();
        }
    }
}
