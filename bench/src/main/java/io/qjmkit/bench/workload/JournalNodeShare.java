package io.qjmkit.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Where a qjm-kit flush's time goes: the JournalNodes' own share (from each node's {@code
 * /metrics}: write batches answered and the time from their arrival to the reply, and the fsync
 * inside it), read before and after a measured phase. Set beside the client's mean flush time, the
 * rest is the client, the loopback network and the thread wake-ups between them.
 */
public final class JournalNodeShare {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> metrics;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JournalNodeShare(List<URI> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    /** Sums over the nodes of one histogram's count and total micros. */
    public record Totals(long served, double serviceMicros, long fsyncs, double fsyncMicros) {
        /** The figures of the phase between {@code before} and this, for {@code scenario}. */
        public List<Figure> since(Totals before, String scenario) {
            double service = (serviceMicros - before.serviceMicros) / Math.max(1, served - before.served);
            double fsync = (fsyncMicros - before.fsyncMicros) / Math.max(1, fsyncs - before.fsyncs);
            return List.of(
                    Figure.latencyMs(scenario, "JN service mean", service / 1000),
                    Figure.latencyMs(scenario, "JN fsync mean", fsync / 1000));
        }
    }

    /** The nodes' totals now. */
    public Totals read() throws IOException, InterruptedException {
        long served = 0;
        long fsyncs = 0;
        double serviceMicros = 0;
        double fsyncMicros = 0;
        for (URI uri : metrics) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode doc = JSON.readTree(r.body());
            JsonNode service = doc.path("journalServiceMicros");
            JsonNode fsync = doc.path("fsyncMicros");
            served += service.path("count").asLong();
            serviceMicros +=
                    service.path("count").asDouble() * service.path("mean").asDouble();
            fsyncs += fsync.path("count").asLong();
            fsyncMicros += fsync.path("count").asDouble() * fsync.path("mean").asDouble();
        }
        return new Totals(served, serviceMicros, fsyncs, fsyncMicros);
    }
}
