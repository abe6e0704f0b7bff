package io.qjmkit.haadmin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.ha.HealthCheckFailedException;

/**
 * Runs a {@link JsonRequest} and prints exactly one JSON document on standard output. Exit codes
 * are those of the plain form ({@code 0}, or {@code -1} where {@code hdfs haadmin} returns it), and
 * {@code error} holds the line the plain form would print on standard error.
 */
public final class JsonCommand {
    /** Exit code of {@code hdfs haadmin} for every failure (the process exits with 255). */
    static final int FAILURE = -1;

    private final ServiceProbe probe;
    private final PrintStream out;
    private final ObjectMapper mapper = new ObjectMapper();

    public JsonCommand(ServiceProbe probe, PrintStream out) {
        this.probe = probe;
        this.out = out;
    }

    /** The {@code -getAllServiceState --json} document. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AllServices(
            @JsonProperty("nameservice") String nameservice,
            @JsonProperty("services") List<ServiceReport> services,
            @JsonProperty("error") String error) {}

    /** Runs the request, prints its document and returns the exit code. */
    public int run(JsonRequest request) {
        return switch (request.command()) {
            case GET_SERVICE_STATE -> single(request, false);
            case CHECK_HEALTH -> single(request, true);
            case GET_ALL_SERVICE_STATE -> all(request);
        };
    }

    private int single(JsonRequest request, boolean health) {
        ServiceProbe.Target target;
        try {
            target = probe.resolve(request.nameservice(), request.namenodeId());
        } catch (IllegalArgumentException e) {
            print(new ServiceReport(
                    request.nameservice(),
                    request.namenodeId(),
                    null,
                    null,
                    health ? false : null,
                    "Illegal argument: " + e.getLocalizedMessage()));
            return FAILURE;
        }
        try {
            if (health) {
                probe.checkHealth(target);
                print(report(target, null, true, null));
            } else {
                print(report(target, probe.state(target), null, null));
            }
            return 0;
        } catch (HealthCheckFailedException e) {
            print(report(target, null, false, "Health check failed: " + e.getLocalizedMessage()));
        } catch (IOException e) {
            print(report(target, null, health ? false : null, "Operation failed: " + e.getLocalizedMessage()));
        }
        return FAILURE;
    }

    private int all(JsonRequest request) {
        List<ServiceReport> reports = new ArrayList<>();
        String nameservice = request.nameservice();
        try {
            List<String> ids = probe.namenodeIds(nameservice);
            if (ids.isEmpty()) {
                print(new AllServices(nameservice, reports, "Failed to get service IDs"));
                return FAILURE;
            }
            for (String id : ids) {
                ServiceProbe.Target target = probe.resolve(nameservice, id);
                nameservice = target.nameservice();
                try {
                    reports.add(report(target, probe.state(target), null, null));
                } catch (IOException e) {
                    // The plain form prints this in the state column and still exits 0.
                    reports.add(report(target, null, null, "Failed to connect: " + e.getMessage()));
                }
            }
        } catch (IllegalArgumentException e) {
            print(new AllServices(nameservice, reports, "Illegal argument: " + e.getLocalizedMessage()));
            return FAILURE;
        }
        print(new AllServices(nameservice, reports, null));
        return 0;
    }

    private static ServiceReport report(ServiceProbe.Target t, String state, Boolean healthy, String error) {
        return new ServiceReport(t.nameservice(), t.namenodeId(), t.address(), state, healthy, error);
    }

    private void print(Object document) {
        try {
            out.println(mapper.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render " + document + " as JSON", e);
        }
        out.flush();
    }
}
