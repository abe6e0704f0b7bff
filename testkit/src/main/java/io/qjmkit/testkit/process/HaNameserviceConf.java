package io.qjmkit.testkit.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration every process test shares: a nameservice of two NameNodes on 127.0.0.1
 * whose shared edit log is three qjm-kit JournalNodes, with in-progress tailing. Tests add what
 * is theirs (fencing, controllers, per-process directories).
 */
public final class HaNameserviceConf {
    private HaNameserviceConf() {}

    /** The shared keys for nameservice {@code ns} (NameNodes nn1, nn2) on the given ports. */
    public static Map<String, String> of(String ns, int[] jnRpc, int[] nnRpc, int[] nnHttp) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.defaultFS", "hdfs://" + ns);
        conf.put("dfs.nameservices", ns);
        conf.put("dfs.ha.namenodes." + ns, "nn1,nn2");
        for (int i = 0; i < nnRpc.length; i++) {
            conf.put("dfs.namenode.rpc-address." + ns + ".nn" + (i + 1), "127.0.0.1:" + nnRpc[i]);
            conf.put("dfs.namenode.http-address." + ns + ".nn" + (i + 1), "127.0.0.1:" + nnHttp[i]);
        }
        conf.put(
                "dfs.client.failover.proxy.provider." + ns,
                "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider");
        conf.put(
                "dfs.namenode.shared.edits.dir",
                "qjournal://127.0.0.1:" + jnRpc[0] + ";127.0.0.1:" + jnRpc[1] + ";127.0.0.1:" + jnRpc[2] + "/" + ns);
        conf.put("dfs.namenode.edits.journal-plugin.qjournal", "io.qjmkit.client.QuorumJournal");
        conf.put("dfs.ha.tail-edits.in-progress", "true");
        conf.put("dfs.ha.tail-edits.period", "0");
        conf.put("dfs.ha.tail-edits.period.backoff-max", "1ms");
        conf.put("dfs.namenode.datanode.registration.ip-hostname-check", "false");
        conf.put("dfs.permissions.enabled", "false");
        return conf;
    }
}
