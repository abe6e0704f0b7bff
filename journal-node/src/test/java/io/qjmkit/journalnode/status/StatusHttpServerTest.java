package io.qjmkit.journalnode.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qjmkit.journalnode.metrics.CounterJournalMetrics;
import io.qjmkit.protocol.message.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real loopback socket, real HTTP client: the endpoint as an operator's curl sees it. */
class StatusHttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final CounterJournalMetrics metrics = new CounterJournalMetrics();
    private StatusHttpServer server;
    private InetSocketAddress bound;

    @BeforeEach
    void start() throws IOException {
        server = new StatusHttpServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> List.of(StatusRoutesTest.sampleJournal()),
                metrics);
        bound = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound.getPort() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bindsAnEphemeralPortAndServesStatusJson() throws Exception {
        assertThat(bound.getPort()).isPositive();

        HttpResponse<String> response = send("GET", "/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.at("/journals/0/id").asText()).isEqualTo("mycluster");
        assertThat(doc.at("/journals/0/lag").asLong()).isEqualTo(20);
        assertThat(doc.at("/node/uptimeMillis").asLong()).isPositive();
    }

    @Test
    void servesMetricsSnapshotAsJson() throws Exception {
        metrics.batchWritten("mycluster", 3, 300, 250_000);
        metrics.requestFailed("mycluster", ErrorCode.EPOCH_FENCED);
        metrics.journalServed(180_000);
        metrics.journalServed(420_000);

        JsonNode doc = JSON.readTree(send("GET", "/metrics").body());

        assertThat(doc.at("/node/txnsWritten").asLong()).isEqualTo(3);
        assertThat(doc.at("/journals/mycluster/bytesWritten").asLong()).isEqualTo(300);
        assertThat(doc.at("/journals/mycluster/failures/EPOCH_FENCED").asLong()).isEqualTo(1);
        assertThat(doc.at("/fsyncMicros/count").asLong()).isEqualTo(1);
        assertThat(doc.at("/fsyncMicros/max").asLong()).isEqualTo(250);
        assertThat(doc.at("/journalServiceMicros/count").asLong()).isEqualTo(2);
        assertThat(doc.at("/journalServiceMicros/mean").asLong()).isEqualTo(300);
    }

    @Test
    void healthIsOkAndKeepAliveConnectionServesSeveralRequests() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send("GET", "/health");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("OK\n");
        }
    }

    @Test
    void unknownPathIs404AndPostIs405WithAllowHeader() throws Exception {
        assertThat(send("GET", "/nope").statusCode()).isEqualTo(404);

        HttpResponse<String> post = send("POST", "/status");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void closeStopsListeningAndSecondStartFails() throws Exception {
        server.close();
        server.close();

        assertThat(server.state()).isEqualTo(StatusHttpServer.State.CLOSED);
        assertThatThrownBy(() -> send("GET", "/health")).isInstanceOf(ConnectException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bindToBusyPortFailsNamingTheKey() {
        StatusHttpServer second = new StatusHttpServer(bound, List::of, metrics);

        assertThatThrownBy(second::start)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("dfs.journalnode.http-address");
        assertThat(second.state()).isEqualTo(StatusHttpServer.State.CLOSED);
    }
}
