package io.qjmkit.journalnode.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qjmkit.journalnode.metrics.CounterJournalMetrics;
import io.qjmkit.protocol.message.SegmentInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JournalStatus sampleJournal() {
        return new JournalStatus(
                "mycluster",
                "WRITING",
                "ns-42",
                7,
                7,
                120,
                100,
                new SegmentInfo(51, 100, true),
                List.of(new SegmentInfo(1, 50, false), new SegmentInfo(51, 100, true)));
    }

    private final StatusRoutes routes =
            new StatusRoutes(() -> List.of(sampleJournal()), new CounterJournalMetrics(), () -> 4242);

    @Test
    void statusDescribesEachJournal() throws Exception {
        HttpAnswer answer = routes.answer("GET", "/status");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode doc = JSON.readTree(answer.body());
        assertThat(doc.at("/node/uptimeMillis").asLong()).isEqualTo(4242);
        JsonNode j = doc.at("/journals/0");
        assertThat(j.get("id").asText()).isEqualTo("mycluster");
        assertThat(j.get("state").asText()).isEqualTo("WRITING");
        assertThat(j.get("namespace").asText()).isEqualTo("ns-42");
        assertThat(j.get("promisedEpoch").asLong()).isEqualTo(7);
        assertThat(j.get("lastTxId").asLong()).isEqualTo(100);
        assertThat(j.get("committedTxId").asLong()).isEqualTo(120);
        assertThat(j.get("lag").asLong()).isEqualTo(20);
        assertThat(j.at("/currentSegment/startTxId").asLong()).isEqualTo(51);
        assertThat(j.get("segments")).hasSize(2);
        assertThat(j.at("/segments/0/inProgress").asBoolean()).isFalse();
    }

    @Test
    void journalWithoutOpenSegmentHasNullCurrentSegment() throws Exception {
        JournalStatus idle = new JournalStatus("j", "IDLE", "", 0, 0, 0, 0, null, List.of());
        StatusRoutes r = new StatusRoutes(() -> List.of(idle), new CounterJournalMetrics(), () -> 1);

        JsonNode j = JSON.readTree(r.answer("GET", "/status").body()).at("/journals/0");

        assertThat(j.get("currentSegment").isNull()).isTrue();
        assertThat(j.get("lag").asLong()).isZero();
    }

    @Test
    void healthAnswersOk() {
        HttpAnswer answer = routes.answer("GET", "/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("OK\n");
    }

    @Test
    void unknownPathIs404AndOtherMethodsAre405() {
        assertThat(routes.answer("GET", "/nope").status()).isEqualTo(404);
        assertThat(routes.answer("POST", "/status").status()).isEqualTo(405);
        assertThat(routes.answer("DELETE", "/health").status()).isEqualTo(405);
    }

    @Test
    void failingStatusSupplierGives500WithReason() {
        StatusRoutes broken = new StatusRoutes(
                () -> {
                    throw new IllegalStateException("storage closed");
                },
                new CounterJournalMetrics(),
                () -> 1);

        HttpAnswer answer = broken.answer("GET", "/status");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("storage closed");
    }
}
