package io.qjmkit.haadmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qjmkit.haadmin.JsonRequest.Command;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.ha.HealthCheckFailedException;
import org.junit.jupiter.api.Test;

class JsonCommandTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** nn1 active and healthy, nn2 unreachable, nn3 standby and unhealthy; "bad" is not configured. */
    private final ServiceProbe probe = new ServiceProbe() {
        @Override
        public Target resolve(String nameservice, String id) {
            if (!List.of("nn1", "nn2", "nn3").contains(id)) {
                throw new IllegalArgumentException("Unable to determine service address for namenode '" + id + "'");
            }
            return new Target(nameservice == null ? "ns" : nameservice, id, "localhost:" + (8020 + id.charAt(2)));
        }

        @Override
        public List<String> namenodeIds(String nameservice) {
            return "empty".equals(nameservice) ? List.of() : List.of("nn1", "nn2", "nn3");
        }

        @Override
        public String state(Target t) throws IOException {
            return switch (t.namenodeId()) {
                case "nn1" -> "active";
                case "nn3" -> "standby";
                default -> throw new ConnectException("Connection refused");
            };
        }

        @Override
        public void checkHealth(Target t) throws IOException {
            state(t);
            if (t.namenodeId().equals("nn3")) {
                throw new HealthCheckFailedException("The NameNode has no resources available");
            }
        }
    };

    private int run(String ns, Command c, String id) {
        return new JsonCommand(probe, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(new JsonRequest(ns, c, id));
    }

    private JsonNode document() throws IOException {
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines())
                .as("exactly one JSON document, one line: %s", text)
                .hasSize(1);
        return new ObjectMapper().readTree(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode n) {
        return new ObjectMapper().convertValue(n, Map.class);
    }

    @Test
    void reportsStateOfOneNameNode() throws IOException {
        assertThat(run(null, Command.GET_SERVICE_STATE, "nn1")).isZero();
        assertThat(asMap(document()))
                .containsEntry("nameservice", "ns")
                .containsEntry("namenodeId", "nn1")
                .containsEntry("address", "localhost:8069")
                .containsEntry("state", "active")
                .containsEntry("healthy", null)
                .containsEntry("error", null);
    }

    @Test
    void unreachableNameNodeFailsLikePlainFormWithItsMessage() throws IOException {
        assertThat(run("ns1", Command.GET_SERVICE_STATE, "nn2")).isEqualTo(-1);
        JsonNode doc = document();
        assertThat(doc.get("nameservice").asText()).isEqualTo("ns1");
        assertThat(doc.get("state").isNull()).isTrue();
        assertThat(doc.get("error").asText()).isEqualTo("Operation failed: Connection refused");
    }

    @Test
    void unknownIdIsAnIllegalArgument() throws IOException {
        assertThat(run(null, Command.CHECK_HEALTH, "bad")).isEqualTo(-1);
        JsonNode doc = document();
        assertThat(doc.get("healthy").asBoolean(true)).isFalse();
        assertThat(doc.get("error").asText())
                .isEqualTo("Illegal argument: Unable to determine service address for namenode 'bad'");
    }

    @Test
    void healthyNameNodePassesCheck() throws IOException {
        assertThat(run(null, Command.CHECK_HEALTH, "nn1")).isZero();
        JsonNode doc = document();
        assertThat(doc.get("healthy").asBoolean()).isTrue();
        assertThat(doc.get("error").isNull()).isTrue();
    }

    @Test
    void unhealthyNameNodeFailsCheckWithPlainFormMessage() throws IOException {
        assertThat(run(null, Command.CHECK_HEALTH, "nn3")).isEqualTo(-1);
        JsonNode doc = document();
        assertThat(doc.get("healthy").asBoolean(true)).isFalse();
        assertThat(doc.get("error").asText()).isEqualTo("Health check failed: The NameNode has no resources available");
    }

    @Test
    void listsAllNameNodesAndExitsZeroEvenWhenOneIsUnreachable() throws IOException {
        assertThat(run(null, Command.GET_ALL_SERVICE_STATE, null)).isZero();
        JsonNode doc = document();
        assertThat(doc.get("nameservice").asText()).isEqualTo("ns");
        assertThat(doc.get("error").isNull()).isTrue();
        JsonNode services = doc.get("services");
        assertThat(services).hasSize(3);
        assertThat(services.get(0).get("state").asText()).isEqualTo("active");
        assertThat(services.get(1).get("state").isNull()).isTrue();
        assertThat(services.get(1).get("error").asText()).isEqualTo("Failed to connect: Connection refused");
        assertThat(services.get(2).get("state").asText()).isEqualTo("standby");
    }

    @Test
    void listWithoutNameNodeIdsFails() throws IOException {
        assertThat(run("empty", Command.GET_ALL_SERVICE_STATE, null)).isEqualTo(-1);
        assertThat(document().get("error").asText()).isEqualTo("Failed to get service IDs");
    }
}
