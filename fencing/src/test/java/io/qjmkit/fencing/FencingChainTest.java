package io.qjmkit.fencing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.fencing.shell.ShellFence;
import io.qjmkit.fencing.ssh.SshFence;
import io.qjmkit.fencing.ssh.SshLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FencingChainTest {
    private static final FenceTarget TARGET = new FenceTarget("ns1", "nn1", "nn1.example.com", 8020);

    private final List<String> calls = new ArrayList<>();

    private FenceMethod method(String name, boolean answer) {
        return new FenceMethod() {
            @Override
            public String describe() {
                return name;
            }

            @Override
            public boolean fence(FenceTarget target) {
                calls.add(name + "@" + target.namenodeId());
                return answer;
            }
        };
    }

    private FenceMethod throwing(String name) {
        return new FenceMethod() {
            @Override
            public String describe() {
                return name;
            }

            @Override
            public boolean fence(FenceTarget target) {
                calls.add(name + "@" + target.namenodeId());
                throw new IllegalStateException("boom");
            }
        };
    }

    @Test
    void stopsAtTheFirstMethodThatSucceeds() throws Exception {
        FencingChain chain = FencingChain.of(List.of(method("a", false), method("b", true), method("c", true)));

        assertThat(chain.fence(TARGET)).isTrue();
        assertThat(calls).containsExactly("a@nn1", "b@nn1");
    }

    @Test
    void answersFalseWhenEveryMethodFails() throws Exception {
        FencingChain chain = FencingChain.of(List.of(method("a", false), method("b", false)));

        assertThat(chain.fence(TARGET)).isFalse();
        assertThat(calls).containsExactly("a@nn1", "b@nn1");
    }

    @Test
    void treatsAnUnexpectedExceptionAsThatMethodFailing() throws Exception {
        FencingChain chain = FencingChain.of(List.of(throwing("x"), method("b", true)));

        assertThat(chain.fence(TARGET)).isTrue();
        assertThat(calls).containsExactly("x@nn1", "b@nn1");
        assertThat(FencingChain.of(List.of(throwing("y"))).fence(TARGET)).isFalse();
    }

    @Test
    void propagatesInterruption() {
        FenceMethod interrupted = new FenceMethod() {
            @Override
            public String describe() {
                return "i";
            }

            @Override
            public boolean fence(FenceTarget target) throws InterruptedException {
                throw new InterruptedException("stop");
            }
        };
        assertThatThrownBy(() ->
                        FencingChain.of(List.of(interrupted, method("b", true))).fence(TARGET))
                .isInstanceOf(InterruptedException.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void rejectsAnEmptyChain() {
        assertThatThrownBy(() -> FencingChain.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsConfiguredMethodsInOrder(@TempDir Path dir) throws Exception {
        Configuration conf = sshReadyConf(dir);
        conf.set(FencingKeys.METHODS, "sshfence(hdfs:2222)\nshell(echo (hi))\nsshfence");
        conf.set(FencingKeys.SHELL_TIMEOUT_MS, "1234");
        conf.set(FencingKeys.SSH_CONNECT_TIMEOUT_MS, "700");

        FencingChain chain = FencingChain.fromConfiguration(conf);

        assertThat(chain.methods()).hasSize(3);
        SshFence first = (SshFence) chain.methods().get(0);
        assertThat(first.login()).isEqualTo(new SshLogin("hdfs", 2222));
        assertThat(first.settings().connectTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(first.settings().commandTimeout()).isEqualTo(Duration.ofMillis(30_000));
        assertThat(first.settings().knownHostsFile()).isEqualTo(dir.resolve("known_hosts"));
        ShellFence second = (ShellFence) chain.methods().get(1);
        assertThat(second.command()).isEqualTo("echo (hi)");
        assertThat(second.timeout()).isEqualTo(Duration.ofMillis(1234));
        assertThat(((SshFence) chain.methods().get(2)).login())
                .isEqualTo(new SshLogin(System.getProperty("user.name"), 22));
        assertThat(chain.describe())
                .isEqualTo("[sshfence(hdfs:2222), shell(echo (hi)), sshfence(" + System.getProperty("user.name")
                        + ":22)]");
    }

    @Test
    void rejectsSshfenceWithoutKeyFiles(@TempDir Path dir) throws Exception {
        Configuration conf = sshReadyConf(dir);
        conf.unset(FencingKeys.SSH_PRIVATE_KEY_FILES);
        conf.set(FencingKeys.METHODS, "sshfence");

        assertThatThrownBy(() -> FencingChain.fromConfiguration(conf))
                .isInstanceOf(FencingConfigException.class)
                .hasMessageContaining(FencingKeys.SSH_PRIVATE_KEY_FILES);
    }

    @Test
    void rejectsMissingKeyFileAndKnownHostsFileNamingThem(@TempDir Path dir) throws Exception {
        Configuration conf = sshReadyConf(dir);
        conf.set(FencingKeys.METHODS, "sshfence");
        conf.set(FencingKeys.SSH_PRIVATE_KEY_FILES, dir.resolve("id_rsa") + ", " + dir.resolve("nope"));
        assertThatThrownBy(() -> FencingChain.fromConfiguration(conf))
                .hasMessageContaining(dir.resolve("nope").toString())
                .hasMessageContaining(FencingKeys.SSH_PRIVATE_KEY_FILES);

        Configuration conf2 = sshReadyConf(dir);
        conf2.set(FencingKeys.METHODS, "sshfence");
        conf2.set(
                FencingKeys.SSH_KNOWN_HOSTS_FILE,
                dir.resolve("absent_known_hosts").toString());
        assertThatThrownBy(() -> FencingChain.fromConfiguration(conf2))
                .hasMessageContaining(dir.resolve("absent_known_hosts").toString())
                .hasMessageContaining(FencingKeys.SSH_KNOWN_HOSTS_FILE);
    }

    @Test
    void rejectsBadTimeoutNamingTheKey(@TempDir Path dir) {
        Configuration conf = new Configuration(false);
        conf.set(FencingKeys.METHODS, "shell(true)");
        conf.set(FencingKeys.SHELL_TIMEOUT_MS, "-5");
        assertThatThrownBy(() -> FencingChain.fromConfiguration(conf))
                .isInstanceOf(FencingConfigException.class)
                .hasMessageContaining(FencingKeys.SHELL_TIMEOUT_MS);
        conf.set(FencingKeys.SHELL_TIMEOUT_MS, "soon");
        assertThatThrownBy(() -> FencingChain.fromConfiguration(conf))
                .hasMessageContaining(FencingKeys.SHELL_TIMEOUT_MS)
                .hasMessageContaining("soon");
    }

    @Test
    void rejectsMalformedSshArgument() {
        Configuration conf = new Configuration(false);
        conf.set(FencingKeys.METHODS, "sshfence(hdfs:notaport)");
        assertThatThrownBy(() -> FencingChain.fromConfiguration(conf))
                .isInstanceOf(FencingConfigException.class)
                .hasMessageContaining("sshfence(hdfs:notaport)")
                .hasMessageContaining("[user][:port]");
    }

    /** A configuration whose sshfence settings are valid: an RSA key in PKCS#8 PEM and a known_hosts file. */
    static Configuration sshReadyConf(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(dir.resolve("id_rsa"), pem);
        Files.writeString(dir.resolve("known_hosts"), "");
        Configuration conf = new Configuration(false);
        conf.set(FencingKeys.SSH_PRIVATE_KEY_FILES, dir.resolve("id_rsa").toString());
        conf.set(FencingKeys.SSH_KNOWN_HOSTS_FILE, dir.resolve("known_hosts").toString());
        return conf;
    }
}
