package io.qjmkit.fencing.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.fencing.FencingConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshLoginTest {
    private static final String ME = System.getProperty("user.name");

    @Test
    void defaultsToCurrentUserOnPort22() throws Exception {
        assertThat(SshLogin.parse("")).isEqualTo(new SshLogin(ME, 22));
        assertThat(SshLogin.parse("hdfs")).isEqualTo(new SshLogin("hdfs", 22));
        assertThat(SshLogin.parse(":2222")).isEqualTo(new SshLogin(ME, 2222));
        assertThat(SshLogin.parse("hdfs:2222")).isEqualTo(new SshLogin("hdfs", 2222));
        assertThat(SshLogin.parse("svc$@CORP:22")).isEqualTo(new SshLogin("svc$@CORP", 22));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs:", "hdfs:x", "a:b:c", "two words", "hdfs:0", "hdfs:70000", "hdfs:123456"})
    void rejectsOtherForms(String argument) {
        assertThatThrownBy(() -> SshLogin.parse(argument))
                .isInstanceOf(FencingConfigException.class)
                .hasMessageContaining("dfs.ha.fencing.methods")
                .hasMessageContaining("sshfence(" + argument + ")");
    }
}
