package io.qjmkit.zkfc.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.zkfc.target.NameNodeRef;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ActiveBreadcrumbTest {

    @Test
    void roundTripsEveryField() {
        NameNodeRef nn = new NameNodeRef("ns1", "nn2", InetSocketAddress.createUnresolved("host-2", 8020), 8019);

        NameNodeRef parsed =
                ActiveBreadcrumb.parse(new ActiveBreadcrumb(nn).toBytes()).nameNode();

        assertThat(parsed.nameserviceId()).isEqualTo("ns1");
        assertThat(parsed.namenodeId()).isEqualTo("nn2");
        assertThat(parsed.rpcAddress().getHostString()).isEqualTo("host-2");
        assertThat(parsed.rpcAddress().getPort()).isEqualTo(8020);
        assertThat(parsed.zkfcPort()).isEqualTo(8019);
    }

    @Test
    void rejectsDataThatIsNotOurs() {
        assertThatThrownBy(() -> ActiveBreadcrumb.parse("\n\nns1\u0012nn1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a qjm-kit breadcrumb");
    }

    @Test
    void rejectsMissingField() {
        byte[] data =
                (ActiveBreadcrumb.MAGIC + "\nnameservice=ns1\nrpc=h:1\nzkfc=2\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ActiveBreadcrumb.parse(data)).hasMessageContaining("namenode");
    }

    @Test
    void layoutPutsEverythingUnderParentAndNameservice() {
        ZnodeLayout layout = new ZnodeLayout("/hadoop-ha", "ns1");
        assertThat(layout.nameservicePath()).isEqualTo("/hadoop-ha/ns1");
        assertThat(layout.latchPath()).isEqualTo("/hadoop-ha/ns1/leader-latch");
        assertThat(layout.breadcrumbPath()).isEqualTo("/hadoop-ha/ns1/ActiveBreadCrumb");
        assertThat(new ZnodeLayout("/", "ns1").nameservicePath()).isEqualTo("/ns1");
    }
}
