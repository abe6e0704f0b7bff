package io.qjmkit.it;

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
