package io.qjmkit.haclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServingActiveTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsThroughItsTextForm() {
        ServingActive entry = new ServingActive("ns1", "nn2", "host2.example.com", 8020);

        assertThat(new String(entry.toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("qjmkit-serving/1\nnameservice=ns1\nnamenode=nn2\nrpc=host2.example.com:8020\n");
        assertThat(ServingActive.parse(entry.toBytes())).isEqualTo(entry);
    }

    @Test
    void ignoresUnknownFieldsAndCarriageReturns() {
        ServingActive parsed = ServingActive.parse(
                utf8("qjmkit-serving/1\r\nnameservice=ns1\r\nnamenode=nn1\r\nrpc=::1:9000\r\nfuture=yes\r\n"));

        assertThat(parsed).isEqualTo(new ServingActive("ns1", "nn1", "::1", 9000));
    }

    @Test
    void rejectsGarbageNamingWhatIsWrong() {
        assertThatThrownBy(() -> ServingActive.parse(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> ServingActive.parse(utf8("nn1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qjmkit-serving/1")
                .hasMessageContaining("'nn1'");
        assertThatThrownBy(() -> ServingActive.parse(utf8("qjmkit-serving/1\nnameservice=ns1\nrpc=h:1\n")))
                .hasMessageContaining("lacks field namenode");
        assertThatThrownBy(() -> ServingActive.parse(utf8("qjmkit-serving/1\nnameservice=ns1\nnamenode=nn1\nrpc=h\n")))
                .hasMessageContaining("not host:port");
        assertThatThrownBy(
                        () -> ServingActive.parse(utf8("qjmkit-serving/1\nnameservice=ns1\nnamenode=nn1\nrpc=h:x\n")))
                .hasMessageContaining("non-numeric port");
        assertThatThrownBy(() -> ServingActive.parse(utf8("qjmkit-breadcrumb/1\nnamenode=nn1\n")))
                .hasMessageContaining("not a qjm-kit ActiveServing entry");
    }

    @Test
    void refusesValuesThatWouldNotRoundTrip() {
        assertThatThrownBy(() -> new ServingActive("ns1", "nn 1", "h", 1)).hasMessageContaining("namenode");
        assertThatThrownBy(() -> new ServingActive("ns1", "nn1", "h", 0)).hasMessageContaining("port");
    }

    @Test
    void znodeLivesUnderTheNameserviceZnode() {
        assertThat(ServingActive.znodePath("/hadoop-ha", "ns1")).isEqualTo("/hadoop-ha/ns1/ActiveServing");
        assertThat(ServingActive.znodePath("/", "ns1")).isEqualTo("/ns1/ActiveServing");
    }
}
