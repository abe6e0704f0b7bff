package io.qjmkit.client.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class QuorumCallTest {
    private final CompletableFuture<String> a = new CompletableFuture<>();
    private final CompletableFuture<String> b = new CompletableFuture<>();
    private final CompletableFuture<String> c = new CompletableFuture<>();

    private QuorumCall<String, String> call(int required) {
        Map<String, CompletableFuture<String>> m = new LinkedHashMap<>();
        m.put("jn1:1", a);
        m.put("jn2:2", b);
        m.put("jn3:3", c);
        return QuorumCall.of(m, required);
    }

    @Test
    void succeedsAsSoonAsMajorityAnswered() throws IOException {
        QuorumCall<String, String> q = call(2);
        a.complete("x");
        c.complete("z");
        long start = System.nanoTime();
        assertThat(q.await(10_000, "test")).containsOnlyKeys("jn1:1", "jn3:3");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void failsAsSoonAsMajorityIsImpossibleListingEveryNode() {
        QuorumCall<String, String> q = call(2);
        a.completeExceptionally(new IOException("disk on fire"));
        b.completeExceptionally(new IOException("connection refused"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.await(10_000, "journal(1-3)"))
                .isInstanceOf(QuorumException.class)
                .hasMessageContaining("2 of 3")
                .hasMessageContaining("journal(1-3)")
                .hasMessageContaining("jn1:1: disk on fire")
                .hasMessageContaining("jn2:2: connection refused")
                .hasMessageContaining("jn3:3: no answer")
                .satisfies(e -> assertThat(((QuorumException) e).outcomes()).hasSize(3));
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void timesOutWhenTooFewAnswer() {
        QuorumCall<String, String> q = call(2);
        a.complete("x");
        assertThatThrownBy(() -> q.await(50, "newEpoch(3)"))
                .isInstanceOf(QuorumException.class)
                .hasMessageContaining("Timed out after 50 ms")
                .hasMessageContaining("jn1:1: ok");
    }

    @Test
    void namesFencingWhenANodeReportsANewerWriter() {
        QuorumCall<String, String> q = call(2);
        a.completeExceptionally(new JournalException(ErrorCode.EPOCH_FENCED, "epoch 3 < promised 4"));
        b.completeExceptionally(new JournalException(ErrorCode.EPOCH_FENCED, "epoch 3 < promised 4"));
        assertThatThrownBy(() -> q.await(1000, "journal")).hasMessageContaining("fenced");
    }

    @Test
    void allRequiredFailsOnAnySingleFailure() {
        QuorumCall<String, String> q = call(3);
        a.complete("x");
        b.complete("y");
        c.completeExceptionally(new IOException("not formatted"));
        assertThatThrownBy(() -> q.await(1000, "format")).hasMessageContaining("jn3:3: not formatted");
    }
}
