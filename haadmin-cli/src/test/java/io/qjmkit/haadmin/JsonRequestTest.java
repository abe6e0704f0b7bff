package io.qjmkit.haadmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.haadmin.JsonRequest.Command;
import org.junit.jupiter.api.Test;

class JsonRequestTest {
    private static JsonRequest parse(String... args) {
        return JsonRequest.parse(args).orElse(null);
    }

    @Test
    void parsesEachJsonCommand() {
        assertThat(parse("-getServiceState", "nn1", "--json"))
                .isEqualTo(new JsonRequest(null, Command.GET_SERVICE_STATE, "nn1"));
        assertThat(parse("-getAllServiceState", "--json"))
                .isEqualTo(new JsonRequest(null, Command.GET_ALL_SERVICE_STATE, null));
        assertThat(parse("-checkHealth", "nn2", "--json"))
                .isEqualTo(new JsonRequest(null, Command.CHECK_HEALTH, "nn2"));
    }

    @Test
    void acceptsNameserviceAndFlagBeforeTheId() {
        assertThat(parse("-ns", "ns1", "-getServiceState", "--json", "nn1"))
                .isEqualTo(new JsonRequest("ns1", Command.GET_SERVICE_STATE, "nn1"));
        assertThat(parse("-ns", "ns1", "-getAllServiceState", "--json"))
                .isEqualTo(new JsonRequest("ns1", Command.GET_ALL_SERVICE_STATE, null));
    }

    @Test
    void leavesPlainCommandsToHadoop() {
        assertThat(parse("-getServiceState", "nn1")).isNull();
        assertThat(parse("-getAllServiceState")).isNull();
        assertThat(parse("-failover", "nn1", "nn2")).isNull();
        assertThat(parse()).isNull();
        assertThat(parse("-ns", "ns1")).isNull();
    }

    @Test
    void leavesMalformedJsonCommandsToHadoopSoItsErrorIsPrinted() {
        assertThat(parse("-getServiceState", "--json")).isNull();
        assertThat(parse("-getServiceState", "nn1", "nn2", "--json")).isNull();
        assertThat(parse("-getAllServiceState", "nn1", "--json")).isNull();
        assertThat(parse("-checkHealth", "nn1", "--json", "--json")).isNull();
        assertThat(parse("-checkHealth", "--forceactive", "--json")).isNull();
        assertThat(parse("-transitionToActive", "nn1", "--json")).isNull();
        assertThat(parse("--json", "-getAllServiceState")).isNull();
    }
}
