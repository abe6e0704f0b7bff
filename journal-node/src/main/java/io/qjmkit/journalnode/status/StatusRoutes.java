package io.qjmkit.journalnode.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a method and path to an {@link HttpAnswer}: {@code /status}, {@code /metrics}, {@code
 * /health}; 404 for other paths and 405 for methods other than GET. A failing status supplier
 * gives a 500 with the reason instead of a dropped connection.
 */
final class StatusRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(StatusRoutes.class);

    static final String ALLOWED_METHODS = "GET";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Supplier<List<JournalStatus>> journals;
    private final JournalMetrics metrics;
    private final LongSupplier uptimeMillis;

    StatusRoutes(Supplier<List<JournalStatus>> journals, JournalMetrics metrics, LongSupplier uptimeMillis) {
        this.journals = journals;
        this.metrics = metrics;
        this.uptimeMillis = uptimeMillis;
    }

    HttpAnswer answer(String method, String path) {
        String route = stripTrailingSlash(path);
        boolean known = route.equals("/status") || route.equals("/metrics") || route.equals("/health");
        if (!known) {
            return HttpAnswer.text(404, "no such page: " + path + " (try /status, /metrics or /health)");
        }
        if (!"GET".equals(method)) {
            return HttpAnswer.text(405, method + " is not allowed on " + route + "; use GET");
        }
        try {
            return switch (route) {
                case "/status" -> HttpAnswer.json(
                        json.writeValueAsBytes(StatusDocument.of(uptimeMillis.getAsLong(), journals.get())));
                case "/metrics" -> HttpAnswer.json(json.writeValueAsBytes(metrics.snapshot()));
                default -> HttpAnswer.text(200, "OK");
            };
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("status endpoint {} failed", route, e);
            return HttpAnswer.text(500, "cannot build " + route + ": " + e);
        }
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
