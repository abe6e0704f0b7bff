package io.qjmkit.journalnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournalNodeMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return JournalNodeMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: journalnode", "dfs.journalnode.edits.dir");
    }

    @Test
    void badArgumentExitsNonZeroWithOneLineReason() {
        assertThat(run("--bogus")).isEqualTo(2);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertThat(msg).contains("--bogus").contains("--help");
        assertThat(msg.strip().lines().count()).isEqualTo(1);
    }

    @Test
    void malformedDefinitionExitsNonZero() {
        assertThat(run("-D", "novalue")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("key=value");
    }
}
