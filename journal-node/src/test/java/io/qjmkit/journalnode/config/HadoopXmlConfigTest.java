package io.qjmkit.journalnode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopXmlConfigTest {
    @TempDir
    Path dir;

    private static final UnaryOperator<String> NONE = k -> null;

    private Path site(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "<?xml version=\"1.0\"?>\n<configuration>\n" + body + "</configuration>\n");
        return file;
    }

    private static String prop(String name, String value) {
        return "  <property><name>" + name + "</name><value>" + value + "</value></property>\n";
    }

    @Test
    void laterFileOverridesEarlierAndDefinitionsOverrideBoth() throws IOException {
        Path core = site("core-site.xml", prop("a", "core") + prop("b", "core") + prop("c", "core"));
        Path hdfs = site("hdfs-site.xml", prop("b", "hdfs") + prop("c", "hdfs"));

        HadoopXmlConfig conf = HadoopXmlConfig.fromFiles(List.of(core, hdfs), Map.of("c", "cli"), NONE, NONE);

        assertThat(conf.get("a")).isEqualTo("core");
        assertThat(conf.get("b")).isEqualTo("hdfs");
        assertThat(conf.get("c")).isEqualTo("cli");
        assertThat(conf.get("missing")).isNull();
        assertThat(conf.get("missing", "dflt")).isEqualTo("dflt");
    }

    @Test
    void finalValueResistsLaterFilesButNotCommandLine() throws IOException {
        Path core = site("core-site.xml", "<property><name>k</name><value>v1</value><final>true</final></property>");
        Path hdfs = site("hdfs-site.xml", prop("k", "v2"));

        assertThat(HadoopXmlConfig.fromFiles(List.of(core, hdfs), Map.of(), NONE, NONE)
                        .get("k"))
                .isEqualTo("v1");
        assertThat(HadoopXmlConfig.fromFiles(List.of(core, hdfs), Map.of("k", "v3"), NONE, NONE)
                        .get("k"))
                .isEqualTo("v3");
    }

    @Test
    void expandsOtherKeysSystemPropertiesAndEnvironment() throws IOException {
        Path hdfs = site(
                "hdfs-site.xml",
                prop("base", "/data")
                        + prop("dir", "${base}/jn")
                        + prop("user", "${user.name}")
                        + prop("home", "${env.HOME}/x")
                        + prop("fallback", "${env.UNSET:-/opt}/y")
                        + prop("emptyFallback", "${env.EMPTY:-e}|${env.EMPTY-u}")
                        + prop("nested", "${dir}/${env.HOME}"));
        UnaryOperator<String> sys = k -> k.equals("user.name") ? "alice" : null;
        UnaryOperator<String> env = k -> switch (k) {
            case "HOME" -> "/home/alice";
            case "EMPTY" -> "";
            default -> null;
        };

        HadoopXmlConfig conf = HadoopXmlConfig.fromFiles(List.of(hdfs), Map.of(), sys, env);

        assertThat(conf.get("dir")).isEqualTo("/data/jn");
        assertThat(conf.get("user")).isEqualTo("alice");
        assertThat(conf.get("home")).isEqualTo("/home/alice/x");
        assertThat(conf.get("fallback")).isEqualTo("/opt/y");
        assertThat(conf.get("emptyFallback")).isEqualTo("e|");
        assertThat(conf.get("nested")).isEqualTo("/data/jn//home/alice");
        assertThat(conf.getRaw("dir")).isEqualTo("${base}/jn");
        assertThat(conf.toMap()).containsEntry("dir", "/data/jn");
    }

    @Test
    void systemPropertyWinsOverKeyOfSameName() throws IOException {
        Path hdfs = site("hdfs-site.xml", prop("x", "fromFile") + prop("y", "${x}"));

        HadoopXmlConfig conf =
                HadoopXmlConfig.fromFiles(List.of(hdfs), Map.of(), k -> k.equals("x") ? "sys" : null, NONE);

        assertThat(conf.get("y")).isEqualTo("sys");
    }

    @Test
    void unboundAndSelfReferentialVariablesStayLiteral() throws IOException {
        Path hdfs = site("hdfs-site.xml", prop("u", "${nope}/a") + prop("loop", "${loop}x"));

        HadoopXmlConfig conf = HadoopXmlConfig.fromFiles(List.of(hdfs), Map.of(), NONE, NONE);

        assertThat(conf.get("u")).isEqualTo("${nope}/a");
        assertThat(conf.get("loop")).isEqualTo("${loop}x");
    }

    @Test
    void expansionCycleBetweenKeysFailsWithReason() throws IOException {
        Path hdfs = site("hdfs-site.xml", prop("a", "${b}") + prop("b", "x${a}"));

        HadoopXmlConfig conf = HadoopXmlConfig.fromFiles(List.of(hdfs), Map.of(), NONE, NONE);

        assertThatThrownBy(() -> conf.get("a"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cycles");
    }

    @Test
    void malformedXmlNamesFileAndLine() throws IOException {
        Path file = dir.resolve("hdfs-site.xml");
        Files.writeString(
                file, "<configuration>\n<property>\n<name>a</name>\n<value>b</valu>\n</property>\n</configuration>\n");

        assertThatThrownBy(() -> HadoopXmlConfig.fromFiles(List.of(file), Map.of(), NONE, NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4:")
                .hasMessageContaining("malformed XML");
    }

    @Test
    void propertyWithoutNameIsRejectedWithItsPosition() throws IOException {
        Path file = site("hdfs-site.xml", prop("a", "1") + "<property><value>orphan</value></property>");

        assertThatThrownBy(() -> HadoopXmlConfig.fromFiles(List.of(file), Map.of(), NONE, NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": <property> #2 has no <name> (its value is 'orphan');"
                        + " expected <property><name>key</name><value>v</value></property>");
    }

    @Test
    void wrongRootElementIsRejected() throws IOException {
        Path file = dir.resolve("core-site.xml");
        Files.writeString(file, "<props><property><name>a</name><value>b</value></property></props>");

        assertThatThrownBy(() -> HadoopXmlConfig.fromFiles(List.of(file), Map.of(), NONE, NONE))
                .hasMessage(file + ": root element is <props>, expected <configuration>");
    }

    @Test
    void refusesDoctypeSoExternalEntitiesCannotReadFiles() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path file = dir.resolve("hdfs-site.xml");
        Files.writeString(
                file,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                        + "<configuration><property><name>a</name><value>&xxe;</value></property></configuration>");

        assertThatThrownBy(() -> HadoopXmlConfig.fromFiles(List.of(file), Map.of(), NONE, NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void acceptsAttributeFormAndIgnoresPropertiesWithoutValue() throws IOException {
        Path file = site("hdfs-site.xml", "<property name=\"a\" value=\"1\"/>\n<property><name>b</name></property>\n");

        HadoopXmlConfig conf = HadoopXmlConfig.fromFiles(List.of(file), Map.of(), NONE, NONE);

        assertThat(conf.get("a")).isEqualTo("1");
        assertThat(conf.toMap()).doesNotContainKey("b");
    }

    @Test
    void confDirReadsCoreThenHdfsAndSkipsMissingFiles() throws IOException {
        site("hdfs-site.xml", prop("k", "hdfs"));

        HadoopXmlConfig conf = HadoopXmlConfig.fromConfDir(dir, Map.of("extra", "1"));

        assertThat(conf.get("k")).isEqualTo("hdfs");
        assertThat(conf.get("extra")).isEqualTo("1");
    }

    @Test
    void missingConfDirIsAnError() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> HadoopXmlConfig.fromConfDir(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HADOOP_CONF_DIR: '" + missing + "' is not a directory");
    }
}
