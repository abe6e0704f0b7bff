package io.qjmkit.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    static Measurement sample(String impl, int rep, String scenario, String metric, double value) {
        return new Measurement(impl, rep, scenario, metric, "ms", "lower", value, 1.5, 0.25, "2025-01-01T00:00:00Z");
    }

    @Test
    void encodesOneFlatObjectPerLine() {
        String line = JsonLines.encode(sample("qjm-kit", 2, "journal write, batch 1", "flush p50", 0.31));
        assertThat(line)
                .isEqualTo("{\"impl\":\"qjm-kit\",\"rep\":2,\"scenario\":\"journal write, batch 1\","
                        + "\"metric\":\"flush p50\",\"unit\":\"ms\",\"better\":\"lower\",\"value\":0.31,"
                        + "\"load1\":1.5,\"stealPct\":0.25,\"time\":\"2025-01-01T00:00:00Z\"}")
                .doesNotContain("\n");
    }

    @Test
    void roundTripsEscapesAndNaN() {
        Measurement m = new Measurement(
                "hadoop",
                1,
                "odd \"name\" \\ with\ttab\nand é",
                "m",
                "txns/s",
                "higher",
                123456.789,
                Double.NaN,
                0.0,
                "t");
        Measurement back = JsonLines.decode(JsonLines.encode(m));
        assertThat(back.scenario()).isEqualTo(m.scenario());
        assertThat(back.value()).isEqualTo(123456.789);
        assertThat(back.load1()).isNaN();
        assertThat(back.lowerIsBetter()).isFalse();
        assertThat(back).usingRecursiveComparison().ignoringFields("load1").isEqualTo(m);
    }

    @Test
    void parsesWhitespaceAndKeyOrderFreely() {
        Measurement m = JsonLines.decode(" { \"value\" : 2.5 , \"impl\":\"disk\", \"rep\":3, \"scenario\":\"s\","
                + "\"metric\":\"m\",\"unit\":\"ms\",\"better\":\"lower\" } ");
        assertThat(m.impl()).isEqualTo("disk");
        assertThat(m.rep()).isEqualTo(3);
        assertThat(m.value()).isEqualTo(2.5);
        assertThat(m.stealPct()).isNaN();
    }

    @Test
    void rejectsLinesMissingARequiredField() {
        assertThatThrownBy(() -> JsonLines.decode("{\"impl\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rep'");
        assertThatThrownBy(() -> JsonLines.decode("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawLogAppendsLinesThatReadBackInOrder() throws Exception {
        Path file = dir.resolve("raw.jsonl");
        try (RawLog log = new RawLog(file)) {
            log.append(sample("qjm-kit", 1, "s", "a", 1));
            log.append(sample("hadoop", 1, "s", "a", 2));
        }
        try (RawLog log = new RawLog(file)) {
            log.append(sample("qjm-kit", 2, "s", "a", 3));
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
        List<Measurement> back = RunReport.read(file);
        assertThat(back).extracting(Measurement::value).containsExactly(1.0, 2.0, 3.0);
    }
}
