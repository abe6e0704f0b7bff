package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.process.DistProcesses;
import io.qjmkit.testkit.process.HaNameserviceConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment as an operator runs it: three JournalNodes and two NameNodes started from the
 * built distribution as separate processes. The active NameNode is killed with SIGKILL while a
 * client keeps creating directories; the standby is made active and every operation the client
 * saw acknowledged is still there.
 */
class NameNodeProcessKillIT {
    private static final String NS = "mycluster";

    /** Under target/ so that the processes' logs survive a failure for inspection. */
    private Path tmp;

    private DistProcesses procs;

    @AfterEach
    void stop() throws Exception {
        if (procs != null) {
            procs.close();
        }
    }

    @Test
    void sigkillOfActiveNameNodeLosesNoAcknowledgedEdit() throws Exception {
        tmp = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-work").toAbsolutePath()), "kill-");
        procs = new DistProcesses(tmp);
        int[] jnRpc = {DistProcesses.freePort(), DistProcesses.freePort(), DistProcesses.freePort()};
        int[] nnRpc = {DistProcesses.freePort(), DistProcesses.freePort()};
        int[] nnHttp = {DistProcesses.freePort(), DistProcesses.freePort()};
        Map<String, String> common = HaNameserviceConf.of(NS, jnRpc, nnRpc, nnHttp);
        common.put("dfs.ha.fencing.methods", "shell(/bin/true)");

        Process[] jns = new Process[3];
        for (int i = 0; i < 3; i++) {
            Map<String, String> props = new LinkedHashMap<>(common);
            props.put("dfs.journalnode.edits.dir", tmp.resolve("jn" + i).toString());
            props.put("dfs.journalnode.rpc-address", "127.0.0.1:" + jnRpc[i]);
            props.put("dfs.journalnode.http-address", "127.0.0.1:" + DistProcesses.freePort());
            jns[i] = procs.start("jn" + i, procs.confDir("jn" + i, props), "journalnode");
        }
        for (int port : jnRpc) {
            DistProcesses.awaitListening(port, Duration.ofSeconds(60));
        }

        Path[] nnConf = new Path[2];
        for (int i = 0; i < 2; i++) {
            Map<String, String> props = new LinkedHashMap<>(common);
            props.put("dfs.ha.namenode.id", "nn" + (i + 1));
            props.put(
                    "dfs.namenode.name.dir",
                    tmp.resolve("nn" + (i + 1) + "-name").toString());
            nnConf[i] = procs.confDir("nn" + (i + 1), props);
        }

        Duration cmdTimeout = Duration.ofMinutes(2);
        assertThat(procs.run("format", nnConf[0], cmdTimeout, "namenode", "-format", "-nonInteractive"))
                .as(procs.logText("format"))
                .isZero();
        Process nn1 = procs.start("nn1", nnConf[0], "namenode");
        DistProcesses.awaitListening(nnRpc[0], Duration.ofSeconds(90));
        assertThat(procs.run("bootstrap", nnConf[1], cmdTimeout, "namenode", "-bootstrapStandby", "-nonInteractive"))
                .as(procs.logText("bootstrap"))
                .isZero();
        procs.start("nn2", nnConf[1], "namenode");
        DistProcesses.awaitListening(nnRpc[1], Duration.ofSeconds(90));
        // Both NameNodes come up standby; the operator picks the active one.
        assertThat(procs.run("to-active-nn1", nnConf[0], cmdTimeout, "hdfs", "haadmin", "-transitionToActive", "nn1"))
                .as(procs.logText("to-active-nn1"))
                .isZero();

        Configuration clientConf = new HdfsConfiguration();
        common.forEach(clientConf::set);
        clientConf.setInt("dfs.client.failover.max.attempts", 200);
        clientConf.setInt("dfs.client.failover.sleep.base.millis", 50);
        clientConf.setInt("dfs.client.failover.sleep.max.millis", 500);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        try (FileSystem fs = FileSystem.newInstance(clientConf)) {
            Thread writer = new Thread(
                    () -> {
                        try {
                            for (int i = 0; !stop.get(); i++) {
                                String p = "/kill/d" + i;
                                if (fs.mkdirs(new org.apache.hadoop.fs.Path(p))) {
                                    acknowledged.add(p);
                                }
                            }
                        } catch (Throwable t) {
                            writerError.set(t);
                        }
                    },
                    "writer");
            writer.start();

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
            DistProcesses.kill9(nn1);
            int ackedBeforeKill = acknowledged.size();

            // The operator's manual failover: nn1 cannot step down gracefully, so it is fenced
            // (dfs.ha.fencing.methods) and nn2 becomes active.
            assertThat(procs.run("failover", nnConf[1], cmdTimeout, "hdfs", "haadmin", "-failover", "nn1", "nn2"))
                    .as(procs.logText("failover"))
                    .isZero();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= ackedBeforeKill + 200);
            stop.set(true);
            writer.join(60_000);
            assertThat(writerError.get()).as("writer failure").isNull();

            for (String p : acknowledged) {
                assertThat(fs.exists(new org.apache.hadoop.fs.Path(p)))
                        .as("acknowledged directory %s after the failover", p)
                        .isTrue();
            }
        }
    }
}
