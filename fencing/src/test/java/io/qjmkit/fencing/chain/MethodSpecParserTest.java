package io.qjmkit.fencing.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.fencing.FencingConfigException;
import io.qjmkit.fencing.chain.MethodSpec.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MethodSpecParserTest {

    @Test
    void parsesEveryFormInConfiguredOrder() throws Exception {
        List<MethodSpec> specs = MethodSpecParser.parse(
                """
                sshfence
                  sshfence(hdfs:2222)
                sshfence(hdfs)

                sshfence(:2200)
                shell(/usr/bin/fence.sh --host $(hostname) "(x)" ; echo done)
                """);

        assertThat(specs)
                .extracting(MethodSpec::kind, MethodSpec::argument)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.SSH, ""),
                        org.assertj.core.groups.Tuple.tuple(Kind.SSH, "hdfs:2222"),
                        org.assertj.core.groups.Tuple.tuple(Kind.SSH, "hdfs"),
                        org.assertj.core.groups.Tuple.tuple(Kind.SSH, ":2200"),
                        org.assertj.core.groups.Tuple.tuple(
                                Kind.SHELL, "/usr/bin/fence.sh --host $(hostname) \"(x)\" ; echo done"));
    }

    @Test
    void ignoresCommentLinesAndTrailingComments() throws Exception {
        List<MethodSpec> specs =
                MethodSpecParser.parse("# first try ssh\nsshfence # the usual\nshell(true) # last resort\r\n");

        assertThat(specs).extracting(MethodSpec::kind).containsExactly(Kind.SSH, Kind.SHELL);
        assertThat(specs.get(1).argument()).isEqualTo("true");
    }

    @Test
    void rejectsMissingOrEmptyValueBecauseAControllerNeedsFencing() {
        for (String value : new String[] {null, "", "  \n\n # only a comment\n"}) {
            assertThatThrownBy(() -> MethodSpecParser.parse(value))
                    .isInstanceOf(FencingConfigException.class)
                    .hasMessageContaining("dfs.ha.fencing.methods")
                    .hasMessageContaining("must not run without fencing");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"powershell(foo)", "org.example.MyFencer", "sshfence junk", "shell()", "shell", "shell(true"})
    void rejectsMalformedEntryNamingKeyEntryAndExpectedForms(String entry) {
        assertThatThrownBy(() -> MethodSpecParser.parse("sshfence\n" + entry))
                .isInstanceOf(FencingConfigException.class)
                .hasMessageContaining("dfs.ha.fencing.methods")
                .hasMessageContaining("'" + entry + "'")
                .hasMessageContaining("sshfence(user:port)")
                .hasMessageContaining("shell(command)");
    }

    @Test
    void saysCustomClassesAreNotSupported() {
        assertThatThrownBy(() -> MethodSpecParser.parse("org.example.MyFencer(arg)"))
                .hasMessageContaining("custom fence method classes");
    }

    @Test
    void rejectsTextAfterTheClosingParenthesis() {
        assertThatThrownBy(() -> MethodSpecParser.parse("sshfence(hdfs) extra"))
                .isInstanceOf(FencingConfigException.class)
                .hasMessageContaining("unexpected text after ')'");
    }
}
