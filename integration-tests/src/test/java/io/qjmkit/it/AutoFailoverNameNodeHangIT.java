package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.testkit.process.AckingWriter;
import io.qjmkit.testkit.process.DistProcesses;
import io.qjmkit.testkit.process.HaClusterOptions;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.io.IOException;
import java.time.Duration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.ha.HAServiceProtocol.HAServiceState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A hung active NameNode (SIGSTOP: a long GC pause or stuck handlers). Its controller's health
 * check times out, the standby is promoted, and when the old NameNode wakes up (SIGCONT) it still
 * believes it is active, but its journal epoch is fenced: it cannot write, and it ends up standby or
 * exits.
 */
class AutoFailoverNameNodeHangIT extends WithHaProcessCluster {
    @Test
    void hungActiveIsReplacedAndCannotWriteWhenItWakesUp() throws Exception {
        cluster = HaProcessCluster.start("auto-hang", new HaClusterOptions());
        int hung = cluster.active().orElseThrow();
        int standby = HaProcessCluster.other(hung);
        try (FileSystem fs = cluster.haFileSystem();
                AckingWriter writer = new AckingWriter(fs, "/auto-hang")) {
            writer.awaitMore(200, Duration.ofSeconds(60));

            long stoppedAt = System.currentTimeMillis();
            DistProcesses.signal(cluster.nameNode(hung), "STOP");
            try {
                // Health timeout (3 s) + graceful fence timeout (2 s) + promotion.
                cluster.awaitState(
                        standby, HAServiceState.ACTIVE, Duration.ofSeconds(60), "while the old active is stopped");
                long promotedAt = System.currentTimeMillis();
                writer.awaitMore(200, Duration.ofSeconds(60));
                System.out.printf(
                        "auto-hang: SIGSTOP -> standby seen active %d ms, longest client gap %d ms%n",
                        promotedAt - stoppedAt, writer.longestGapMillis());
            } finally {
                DistProcesses.signal(cluster.nameNode(hung), "CONT");
            }

            Path zombieWrite = new Path("/zombie-write");
            try (FileSystem direct = cluster.directFileSystem(hung)) {
                assertThatThrownBy(() -> direct.mkdirs(zombieWrite))
                        .as("a write through the woken-up old active NameNode")
                        .isInstanceOf(IOException.class);
            }
            Awaitility.await("old active NameNode standby or gone")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !cluster.nameNode(hung).isAlive()
                            || cluster.state(hung).orElse(null) == HAServiceState.STANDBY);
            assertThat(cluster.state(standby)).contains(HAServiceState.ACTIVE);

            writer.awaitMore(100, Duration.ofSeconds(60));
            assertThat(writer.stop()).as("writer failure").isNull();
            assertThat(fs.exists(zombieWrite)).as("the old active's write").isFalse();
            assertThat(writer.missingIn(fs))
                    .as("acknowledged directories missing")
                    .isEmpty();
        }
    }
}
