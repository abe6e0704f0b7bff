package io.qjmkit.bench.failover;

import io.qjmkit.bench.report.Measurement;
import io.qjmkit.testkit.process.HaClusterOptions;

/**
 * One configuration whose failovers are measured: qjm-kit's daemons, Hadoop's own JN + QJM + ZKFC,
 * or qjm-kit's daemons with another client failover proxy provider. The ZooKeeper settings are the
 * same for all: {@link FailoverPhase#ZK_TICK_MS} and {@link FailoverPhase#ZK_SESSION_TIMEOUT_MS}.
 *
 * @param impl the implementation name in the results ({@link Measurement})
 * @param clientProvider the HA client's failover proxy provider class, null for the stock
 *     ConfiguredFailoverProxyProvider
 */
public record FailoverSide(String impl, boolean stockHadoop, String clientProvider) {
    public static final FailoverSide QJM_KIT = new FailoverSide(Measurement.QJM_KIT, false, null);
    public static final FailoverSide HADOOP = new FailoverSide(Measurement.HADOOP, true, null);

    /** qjm-kit's daemons measured with the ZooKeeper-following client {@code providerClass}. */
    public static FailoverSide zkClient(String providerClass) {
        return new FailoverSide(Measurement.QJM_KIT_ZK_CLIENT, false, providerClass);
    }

    /**
     * Whether this side runs {@code scenario}. A side that differs from qjm-kit's only in its client
     * skips the host loss, whose time to a new active does not depend on the client, and in a
     * quick run keeps only the graceful failover, the one its client is for; this keeps a full run
     * under 20 minutes and a quick one under 5.
     */
    public boolean runs(FailoverScenario scenario, boolean quick) {
        if (clientProvider == null) {
            return true;
        }
        return quick ? scenario == FailoverScenario.GRACEFUL : scenario != FailoverScenario.HOST_LOSS;
    }

    /** A fresh cluster configuration for this side. */
    public HaClusterOptions options() {
        HaClusterOptions o = new HaClusterOptions()
                .zkTickMs(FailoverPhase.ZK_TICK_MS)
                .zkSessionTimeoutMs(FailoverPhase.ZK_SESSION_TIMEOUT_MS);
        if (stockHadoop) {
            o.stockHadoop();
        }
        if (clientProvider != null) {
            o.clientFailoverProxyProvider(clientProvider);
        }
        return o;
    }
}
