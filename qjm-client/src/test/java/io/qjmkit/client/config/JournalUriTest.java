package io.qjmkit.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class JournalUriTest {

    @Test
    void parsesThreeNodesAndJournalId() {
        JournalUri u = JournalUri.parse(URI.create("qjournal://127.0.0.1:9001;localhost:9002;127.0.0.1/ns1"));
        assertThat(u.journalId()).isEqualTo("ns1");
        assertThat(u.addresses()).hasSize(3);
        assertThat(u.addresses().get(0).getPort()).isEqualTo(9001);
        assertThat(u.addresses().get(2).getPort()).isEqualTo(8485);
    }

    @Test
    void rejectsEvenNumberOfNodesNamingTheKeyAndForm() {
        assertThatThrownBy(() -> JournalUri.parse(URI.create("qjournal://127.0.0.1:1;127.0.0.1:2/j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dfs.namenode.shared.edits.dir")
                .hasMessageContaining("odd number")
                .hasMessageContaining("qjournal://host1:8485;host2:8485;host3:8485/<journalId>");
    }

    @Test
    void rejectsUnresolvableHostByName() {
        assertThatThrownBy(() ->
                        JournalUri.parse(URI.create("qjournal://127.0.0.1:1;no-such-host.invalid:2;127.0.0.1:3/j")))
                .hasMessageContaining("no-such-host.invalid")
                .hasMessageContaining("cannot be resolved");
    }

    @Test
    void rejectsMissingJournalId() {
        assertThatThrownBy(() -> JournalUri.parse(URI.create("qjournal://127.0.0.1:1/")))
                .hasMessageContaining("journal id is missing");
    }

    @Test
    void rejectsBadPort() {
        assertThatThrownBy(() -> JournalUri.parse(URI.create("qjournal://127.0.0.1:99999/j")))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> JournalUri.parse(URI.create("qjournal://127.0.0.1:abc/j")))
                .hasMessageContaining("bad port");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> JournalUri.parse(URI.create("file:///tmp/x"))).hasMessageContaining("qjournal");
    }

    @Test
    void readsHadoopTimeoutKeysWithHadoopDefaults() {
        Configuration conf = new Configuration(false);
        conf.setInt("dfs.qjournal.write-txns.timeout.ms", 1234);
        ClientConfig c = ClientConfig.from(conf, URI.create("qjournal://127.0.0.1:1/j"));
        assertThat(c.timeouts().writeTxnsMs()).isEqualTo(1234);
        assertThat(c.timeouts().startSegmentMs()).isEqualTo(20000);
        assertThat(c.timeouts().prepareRecoveryMs()).isEqualTo(120000);
        assertThat(c.timeouts().newEpochMs()).isEqualTo(120000);
        assertThat(c.timeouts().selectInputStreamsMs()).isEqualTo(20000);
        assertThat(c.catchupBufferBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(c.majority()).isEqualTo(1);
    }

    @Test
    void rejectsNonPositiveTimeoutNamingTheKey() {
        Configuration conf = new Configuration(false);
        conf.setInt("dfs.qjournal.new-epoch.timeout.ms", 0);
        assertThatThrownBy(() -> ClientConfig.from(conf, URI.create("qjournal://127.0.0.1:1/j")))
                .hasMessageContaining("dfs.qjournal.new-epoch.timeout.ms");
    }
}
