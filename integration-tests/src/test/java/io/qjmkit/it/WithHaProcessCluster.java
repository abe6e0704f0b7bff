package io.qjmkit.it;

import io.qjmkit.testkit.process.HaProcessCluster;
import org.junit.jupiter.api.AfterEach;

/** For tests that start an {@link HaProcessCluster}: whatever a test started is stopped after it. */
abstract class WithHaProcessCluster {
    HaProcessCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
