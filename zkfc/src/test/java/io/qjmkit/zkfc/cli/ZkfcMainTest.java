package io.qjmkit.zkfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.zkfc.config.ZooKeeperSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class ZkfcMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ZkfcMain.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new CountDownLatch(0));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String[] haConf(String... extra) {
        String[] base = {
            "-D", "dfs.nameservices=ns1",
            "-D", "dfs.ha.namenodes.ns1=nn1,nn2",
            "-D", "dfs.namenode.rpc-address.ns1.nn1=127.0.0.1:18020",
            "-D", "dfs.namenode.rpc-address.ns1.nn2=127.0.0.1:18021",
            "-D", "dfs.ha.namenode.id=nn1",
            "-D", "ha.zookeeper.quorum=127.0.0.1:1"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run("--help")).isEqualTo(ZkfcMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("-formatZK", "-nonInteractive");
    }

    @Test
    void unknownArgumentFailsWithUsage() {
        assertThat(run("-bogus")).isEqualTo(ZkfcMain.EXIT_ERROR);
        assertThat(err()).contains("unknown argument '-bogus'");
    }

    @Test
    void forceWithoutFormatIsRejected() {
        assertThat(run("-force")).isEqualTo(ZkfcMain.EXIT_ERROR);
    }

    @Test
    void refusesToStartWithoutAutomaticFailover() {
        assertThat(run(haConf("-D", "dfs.ha.fencing.methods=shell(/bin/true)"))).isEqualTo(ZkfcMain.EXIT_ERROR);
        assertThat(err()).contains("dfs.ha.automatic-failover.enabled").doesNotContain("\n\n");
    }

    @Test
    void refusesToStartWithoutFencingMethods() {
        assertThat(run(haConf("-D", "dfs.ha.automatic-failover.enabled=true"))).isEqualTo(ZkfcMain.EXIT_ERROR);
        assertThat(err()).contains("dfs.ha.fencing.methods");
    }

    @Test
    void nameserviceScopedAutomaticFailoverKeyCounts() {
        // passes the automatic-failover check, then fails on the missing fencing methods
        assertThat(run(haConf("-D", "dfs.ha.automatic-failover.enabled.ns1=true")))
                .isEqualTo(ZkfcMain.EXIT_ERROR);
        assertThat(err()).contains("dfs.ha.fencing.methods").doesNotContain("automatic-failover");
    }

    @Test
    void missingQuorumIsNamed() {
        Configuration conf = new Configuration(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ZooKeeperSettings.fromConfiguration(conf))
                .hasMessageContaining("ha.zookeeper.quorum");
    }

    @Test
    void badAclIsNamed() {
        Configuration conf = new Configuration(false);
        conf.set("ha.zookeeper.quorum", "zk:2181");
        conf.set("ha.zookeeper.acl", "nonsense");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ZooKeeperSettings.fromConfiguration(conf))
                .hasMessageContaining("ha.zookeeper.acl");
    }
}
