package io.qjmkit.haadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which arguments go to Hadoop's DFSHAAdmin and which to the JSON form; no NameNode needed. */
class HaAdminMainTest {
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<Configuration> probedConf = new AtomicReference<>();

    @BeforeEach
    void captureStdStreams() {
        // DFSHAAdmin binds System.out/err when it is constructed, i.e. inside run().
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdStreams() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private int run(String... args) throws Exception {
        ServiceProbe stateOnly = new ServiceProbe() {
            @Override
            public Target resolve(String ns, String id) {
                return new Target("ns", id, "localhost:8020");
            }

            @Override
            public List<String> namenodeIds(String ns) {
                return List.of("nn1");
            }

            @Override
            public String state(Target t) {
                return "standby";
            }

            @Override
            public void checkHealth(Target t) throws IOException {}
        };
        HaAdminMain main = new HaAdminMain(
                conf -> {
                    probedConf.set(conf);
                    return stateOnly;
                },
                System.out);
        return ToolRunner.run(new Configuration(false), main, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpIsHadoopsHelp() throws Exception {
        assertThat(run("-help")).isZero();
        assertThat(stdout())
                .startsWith("Usage: haadmin [-ns <nameserviceId>]")
                .contains("[-failover [--forcefence] [--forceactive] <serviceId> <serviceId>]");
    }

    @Test
    void unknownCommandFailsWithHadoopsMessage() throws Exception {
        assertThat(run("-bogus")).isEqualTo(-1);
        assertThat(stderr()).contains("bogus: Unknown command\nUsage: haadmin [-ns <nameserviceId>]");
        assertThat(probedConf.get()).isNull();
    }

    @Test
    void malformedJsonCommandFailsWithHadoopsMessage() throws Exception {
        assertThat(run("-getServiceState", "nn1", "nn2", "--json")).isEqualTo(-1);
        assertThat(stderr()).contains("getServiceState: incorrect arguments");
        assertThat(stdout()).isEmpty();
        assertThat(probedConf.get()).isNull();
    }

    @Test
    void jsonFormGetsTheGenericOptions() throws Exception {
        assertThat(run(
                        "-D",
                        "ha.failover-controller.cli-check.rpc-timeout.ms=1234",
                        "-getServiceState",
                        "nn1",
                        "--json"))
                .isZero();
        assertThat(stdout()).contains("\"state\":\"standby\"");
        assertThat(probedConf.get().get("ha.failover-controller.cli-check.rpc-timeout.ms"))
                .isEqualTo("1234");
    }
}
