package io.qjmkit.haadmin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWriterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void verifyFailsAndNamesEveryMissingAcknowledgedDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("w/d0"));
        Files.createDirectories(dir.resolve("w/d2"));
        Path acks = dir.resolve("acks");
        try (AckLog log = new AckLog(acks)) {
            for (int i = 0; i < 3; i++) {
                log.record(new AckLog.Ack(1000 + i, dir.resolve("w/d" + i).toString()));
            }
        }
        try (FileSystem fs = FileSystem.getLocal(new Configuration(false))) {
            assertThat(DemoWriter.verify(fs, acks, out)).isEqualTo(1);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("MISSING acknowledged directory " + dir.resolve("w/d1"))
                .contains("verify: 2 of 3 acknowledged directories present");
    }

    @Test
    void writeStopsWhenTheStopFileExistsAndReportsItsAcks(@TempDir Path dir) throws Exception {
        Path stop = Files.createFile(dir.resolve("stop"));
        try (FileSystem fs = FileSystem.getLocal(new Configuration(false))) {
            assertThat(DemoWriter.write(
                            fs, dir.resolve("acks"), stop, dir.resolve("w").toString(), out))
                    .isZero();
        }
        assertThat(AckLog.read(dir.resolve("acks"))).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("writer: 0 directories acknowledged");
    }

    @Test
    void rejectsUnknownMode() throws Exception {
        assertThat(DemoWriter.run(new String[] {"read"}, new Configuration(false), out))
                .isEqualTo(2);
    }
}
