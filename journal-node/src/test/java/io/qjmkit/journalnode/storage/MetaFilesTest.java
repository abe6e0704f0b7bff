package io.qjmkit.journalnode.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaFilesTest {
    @TempDir
    Path dir;

    @Test
    void durableWriteReplacesContentAndLeavesNoTempFile() throws IOException {
        MetaFiles meta = new MetaFiles(NioDisk.INSTANCE);
        Path f = dir.resolve("last-promised-epoch");
        meta.writeLong(f, 5);
        meta.writeLong(f, 7);
        assertThat(MetaFiles.readLong(f, 0)).isEqualTo(7);
        assertThat(Files.readString(f)).isEqualTo("7\n");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f);
        }
    }

    @Test
    void failedDurableWriteKeepsOldValue() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        MetaFiles meta = new MetaFiles(disk);
        Path f = dir.resolve("last-promised-epoch");
        meta.writeLong(f, 5);
        disk.failForces(new IOException("Input/output error"));
        assertThatThrownBy(() -> meta.writeLong(f, 6)).isInstanceOf(IOException.class);
        assertThat(MetaFiles.readLong(f, 0)).isEqualTo(5);
    }

    @Test
    void missingNumberFileReadsAsDefaultAndGarbageIsReported() throws IOException {
        assertThat(MetaFiles.readLong(dir.resolve("nope"), 42)).isEqualTo(42);
        Files.writeString(dir.resolve("bad"), "x1");
        assertThatThrownBy(() -> MetaFiles.readLong(dir.resolve("bad"), 0))
                .hasMessageContaining("bad")
                .hasMessageContaining("decimal");
    }

    @Test
    void lazilyWrittenHintLeftEmptyByACrashReadsAsMissing() throws IOException {
        MetaFiles meta = new MetaFiles(NioDisk.INSTANCE);
        Path f = dir.resolve("committed-txid");
        meta.writeLazily(f, "17\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(MetaFiles.readLongHint(f, 0)).isEqualTo(17);
        // What a crash after the rename but before the data reached the disk leaves behind.
        Files.write(f, new byte[0]);
        assertThat(MetaFiles.readLongHint(f, 0)).isZero();
        Files.writeString(f, "1");
        assertThat(MetaFiles.readLongHint(f, 0)).isEqualTo(1);
        assertThat(MetaFiles.readLongHint(dir.resolve("nope"), 3)).isEqualTo(3);
    }
}
