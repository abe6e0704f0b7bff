package io.qjmkit.journalnode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenericOptionsTest {
    @Test
    void separatesDefinitionsFromOtherArguments() {
        GenericOptions options = GenericOptions.parse(List.of("-D", "a=1", "--daemon", "-Db=x=y", "-D", "a=2", "rest"));

        assertThat(options.overrides())
                .containsOnly(
                        org.assertj.core.api.Assertions.entry("a", "2"),
                        org.assertj.core.api.Assertions.entry("b", "x=y"));
        assertThat(options.remaining()).containsExactly("--daemon", "rest");
    }

    @Test
    void rejectsDefinitionWithoutEquals() {
        assertThatThrownBy(() -> GenericOptions.parse(List.of("-D", "novalue")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("-D: 'novalue' is not key=value");
    }

    @Test
    void rejectsDanglingDashD() {
        assertThatThrownBy(() -> GenericOptions.parse(List.of("-D")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing key=value");
    }
}
