package io.qjmkit.haadmin.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckLogTest {
    @Test
    void recordsAcksInOrderAndFindsTheLongestGap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acks");
        try (AckLog log = new AckLog(file)) {
            log.record(new AckLog.Ack(1000, "/w/d0"));
            log.record(new AckLog.Ack(1010, "/w/d1"));
            log.record(new AckLog.Ack(4010, "/w/d 2"));
            log.record(new AckLog.Ack(4020, "/w/d3"));
        }
        List<AckLog.Ack> acks = AckLog.read(file);
        assertThat(acks).extracting(AckLog.Ack::path).containsExactly("/w/d0", "/w/d1", "/w/d 2", "/w/d3");
        assertThat(AckLog.longestGap(acks)).isEqualTo(new AckLog.Gap(3000, 1010, 4010));
    }

    @Test
    void noGapWithFewerThanTwoAcks() {
        assertThat(AckLog.longestGap(List.of(new AckLog.Ack(5, "/a"))).millis()).isZero();
    }

    @Test
    void rejectsLineWithoutTime() {
        assertThatThrownBy(() -> AckLog.Ack.parse("/w/d0")).hasMessageContaining("<epoch-ms> <path>");
    }
}
