package io.qjmkit.haclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

    @Test
    void missingQuorumNamesTheKeyAndBothFixes() {
        assertThatThrownBy(() -> ProviderSettings.fromConfiguration(new Configuration(false), "ns1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ha.zookeeper.quorum")
                .hasMessageContaining("dfs.client.failover.proxy.provider.ns1")
                .hasMessageContaining("ConfiguredFailoverProxyProvider");
    }

    @Test
    void readsDefaultsAndPerNameserviceOverrides() {
        Configuration conf = new Configuration(false);
        conf.set("ha.zookeeper.quorum", "zk1:2181");
        conf.set("ha.zookeeper.quorum.ns2", "zk9:2181");
        conf.set("qjmkit.client.failover.zk-wait.ms.ns2", "0");

        ProviderSettings ns1 = ProviderSettings.fromConfiguration(conf, "ns1");
        ProviderSettings ns2 = ProviderSettings.fromConfiguration(conf, "ns2");

        assertThat(ns1.quorum()).isEqualTo("zk1:2181");
        assertThat(ns1.zkWaitMs()).isEqualTo(15_000);
        assertThat(ns1.zkStaleWaitMs()).isEqualTo(2_000);
        assertThat(ns1.sessionTimeoutMs()).isEqualTo(10_000);
        assertThat(ns1.servingPath("ns1")).isEqualTo("/hadoop-ha/ns1/ActiveServing");
        assertThat(ns2.quorum()).isEqualTo("zk9:2181");
        assertThat(ns2.zkWaitMs()).isZero();
        assertThat(ns2.zkStaleWaitMs()).as("capped by the overall wait").isZero();
    }

    @Test
    void rejectsBadValuesNamingTheKey() {
        Configuration conf = new Configuration(false);
        conf.set("ha.zookeeper.quorum", "zk1:2181");
        conf.set("qjmkit.client.failover.zk-wait.ms", "-1");
        assertThatThrownBy(() -> ProviderSettings.fromConfiguration(conf, "ns1"))
                .hasMessageContaining("qjmkit.client.failover.zk-wait.ms");
        conf.set("qjmkit.client.failover.zk-wait.ms", "soon");
        assertThatThrownBy(() -> ProviderSettings.fromConfiguration(conf, "ns1"))
                .hasMessageContaining("qjmkit.client.failover.zk-wait.ms");
        conf.unset("qjmkit.client.failover.zk-wait.ms");
        conf.set("ha.zookeeper.parent-znode", "hadoop-ha");
        assertThatThrownBy(() -> ProviderSettings.fromConfiguration(conf, "ns1"))
                .hasMessageContaining("ha.zookeeper.parent-znode");
    }
}
