package io.qjmkit.journalnode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JournalNodeConfigLoaderTest {
    /** A fake DNS: jn1..jn3 and this host's name; everything else is unknown. */
    private static final Map<String, byte[]> HOSTS = Map.of(
            "0.0.0.0", new byte[] {0, 0, 0, 0},
            "127.0.0.1", new byte[] {127, 0, 0, 1},
            "jn1", new byte[] {10, 0, 0, 1},
            "jn2", new byte[] {10, 0, 0, 2},
            "jn3", new byte[] {10, 0, 0, 3},
            "me", new byte[] {10, 0, 0, 1});

    private static final HostResolver RESOLVER = host -> {
        byte[] ip = HOSTS.get(host);
        if (ip == null) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getByAddress(host, ip);
    };

    /** This host owns 10.0.0.1 and loopback. */
    private static final LocalAddresses LOCAL = a ->
            a.isLoopbackAddress() || a.isAnyLocalAddress() || a.getHostAddress().equals("10.0.0.1");

    private final JournalNodeConfigLoader loader = new JournalNodeConfigLoader(RESOLVER, LOCAL);

    private static InetSocketAddress addr(String ip, int port) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void appliesHadoopDefaultsWhenNothingIsSet() throws Exception {
        JournalNodeConfig config = loader.load(Map.of());

        assertThat(config.editsDir()).isEqualTo(Path.of("/tmp/hadoop/dfs/journalnode"));
        assertThat(config.rpcAddress()).isEqualTo(addr("0.0.0.0", 8485));
        assertThat(config.httpAddress()).isEqualTo(addr("0.0.0.0", 8480));
        assertThat(config.peers()).isEmpty();
        assertThat(config.syncEnabled()).isTrue();
        assertThat(config.syncInterval()).isEqualTo(Duration.ofMillis(120_000));
    }

    @Test
    void readsEveryKey() throws Exception {
        JournalNodeConfig config = loader.load(Map.of(
                "dfs.journalnode.edits.dir", " file:///data/jn/ ",
                "dfs.journalnode.rpc-address", "127.0.0.1:9485",
                "dfs.journalnode.http-address", "127.0.0.1:0",
                "dfs.journalnode.enable.sync", "FALSE",
                "dfs.journalnode.sync.interval", "30s"));

        assertThat(config.editsDir()).isEqualTo(Path.of("/data/jn"));
        assertThat(config.rpcAddress()).isEqualTo(addr("127.0.0.1", 9485));
        assertThat(config.httpAddress()).isEqualTo(addr("127.0.0.1", 0));
        assertThat(config.syncEnabled()).isFalse();
        assertThat(config.syncInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void wildcardRpcAddressExcludesLocalJournalNodeWithSamePort() throws Exception {
        JournalNodeConfig config =
                loader.load(Map.of("dfs.namenode.shared.edits.dir", "qjournal://jn1:8485;jn2:8485;jn3:8485/mycluster"));

        assertThat(config.peers()).containsExactly(addr("10.0.0.2", 8485), addr("10.0.0.3", 8485));
    }

    @Test
    void singleHostTrialKeepsTheOtherPortsAsPeers() throws Exception {
        JournalNodeConfig config = loader.load(Map.of(
                "dfs.journalnode.rpc-address", "0.0.0.0:8486",
                "dfs.namenode.shared.edits.dir", "qjournal://127.0.0.1:8485;127.0.0.1:8486;127.0.0.1:8487/mycluster"));

        assertThat(config.peers()).containsExactly(addr("127.0.0.1", 8485), addr("127.0.0.1", 8487));
    }

    @Test
    void specificRpcAddressExcludesOnlyThatAddress() throws Exception {
        JournalNodeConfig config = loader.load(Map.of(
                "dfs.journalnode.rpc-address", "jn2:8485",
                "dfs.namenode.shared.edits.dir", "qjournal://jn1:8485;jn2:8485;jn3:8485/mycluster"));

        assertThat(config.peers()).containsExactly(addr("10.0.0.1", 8485), addr("10.0.0.3", 8485));
    }

    @Test
    void hostPortAsWrittenExcludesSelfEvenUnderAnotherName() throws Exception {
        JournalNodeConfig config = loader.load(Map.of(
                "dfs.journalnode.rpc-address", "me:8485",
                "dfs.namenode.shared.edits.dir", "qjournal://ME:8485;jn2:8485;jn3:8485/mycluster"));

        assertThat(config.peers()).containsExactly(addr("10.0.0.2", 8485), addr("10.0.0.3", 8485));
    }

    @Test
    void unionsPerNameserviceUrisWithoutDuplicates() throws Exception {
        Map<String, String> conf = new HashMap<>();
        conf.put("dfs.nameservices", "ns1, ns2");
        conf.put("dfs.namenode.shared.edits.dir.ns1", "qjournal://jn1;jn2;jn3/ns1");
        conf.put("dfs.namenode.shared.edits.dir.ns2", "qjournal://jn2:8485;jn3:8485;jn3:9485/ns2");

        JournalNodeConfig config = loader.load(conf);

        assertThat(config.peers())
                .containsExactly(addr("10.0.0.2", 8485), addr("10.0.0.3", 8485), addr("10.0.0.3", 9485));
    }

    @Test
    void excludeSelfCanBeReappliedWithTheBoundPort() throws Exception {
        var peers = java.util.List.of(addr("127.0.0.1", 40001), addr("127.0.0.1", 40002));

        assertThat(loader.excludeSelf(peers, addr("0.0.0.0", 40002))).containsExactly(addr("127.0.0.1", 40001));
    }

    @Test
    void rejectsAddressWithoutPort() {
        assertThatThrownBy(() -> loader.load(Map.of("dfs.journalnode.rpc-address", "foo")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("dfs.journalnode.rpc-address: 'foo' is not host:port (e.g. 0.0.0.0:8485)");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> loader.load(Map.of("dfs.journalnode.http-address", "0.0.0.0:70000")))
                .hasMessage("dfs.journalnode.http-address: '0.0.0.0:70000' is not host:port (e.g. 0.0.0.0:8480)"
                        + " with a port in 0-65535");
    }

    @Test
    void rejectsUnknownHostNamingKey() {
        assertThatThrownBy(() -> loader.load(
                        Map.of("dfs.namenode.shared.edits.dir", "qjournal://jn1:8485;jn2:8485;typo:8485/mycluster")))
                .hasMessage("dfs.namenode.shared.edits.dir: unknown host 'typo' in 'typo:8485'"
                        + " (use a resolvable host name or IP address)");
    }

    @Test
    void rejectsEvenNumberOfJournalNodes() {
        assertThatThrownBy(() -> loader.load(Map.of("dfs.namenode.shared.edits.dir", "qjournal://jn1:8485;jn2:8485/j")))
                .hasMessageStartingWith("dfs.namenode.shared.edits.dir: 'qjournal://jn1:8485;jn2:8485/j' lists 2"
                        + " JournalNodes; use an odd number");
    }

    @Test
    void rejectsMissingJournalId() {
        assertThatThrownBy(() -> loader.load(Map.of("dfs.namenode.shared.edits.dir", "qjournal://jn1:8485")))
                .hasMessageContaining(
                        "is not qjournal://host1:8485;host2:8485;host3:8485/journalId (the journal id is missing)");
    }

    @Test
    void rejectsOtherSchemesAndDuplicateNodes() {
        assertThatThrownBy(() -> loader.load(Map.of("dfs.namenode.shared.edits.dir", "file:///nfs/edits")))
                .hasMessageStartingWith(
                        "dfs.namenode.shared.edits.dir: 'file:///nfs/edits' is not a quorum journal URI");
        assertThatThrownBy(() ->
                        loader.load(Map.of("dfs.namenode.shared.edits.dir", "qjournal://jn1:8485;jn1:8485;jn2:8485/j")))
                .hasMessageContaining("lists JournalNode jn1:8485 twice");
    }

    @Test
    void rejectsPerNameserviceUriWithItsOwnKey() {
        assertThatThrownBy(() -> loader.load(
                        Map.of("dfs.nameservices", "ns1", "dfs.namenode.shared.edits.dir.ns1", "qjournal://jn1:x/ns1")))
                .hasMessageStartingWith("dfs.namenode.shared.edits.dir.ns1: 'jn1:x' is not host:port");
    }

    @Test
    void rejectsRelativeEditsDirBadBooleanAndBadInterval() {
        assertThatThrownBy(() -> loader.load(Map.of("dfs.journalnode.edits.dir", "data/jn")))
                .hasMessage(
                        "dfs.journalnode.edits.dir: 'data/jn' is not an absolute path (e.g. /var/lib/qjm-kit/journal)");
        assertThatThrownBy(() -> loader.load(Map.of("dfs.journalnode.enable.sync", "yes")))
                .hasMessage("dfs.journalnode.enable.sync: 'yes' is not true or false");
        for (String bad : Set.of("0", "-5", "fast", "10d")) {
            assertThatThrownBy(() -> loader.load(Map.of("dfs.journalnode.sync.interval", bad)))
                    .hasMessageStartingWith("dfs.journalnode.sync.interval: '" + bad + "' is not a positive duration");
        }
    }

    @Test
    void parsesIpv6Literals() {
        assertThat(HostPort.parse("k", "[::1]:8485", -1, "x")).isEqualTo(new HostPort("::1", 8485));
        assertThat(HostPort.parse("k", "[::1]:8485", -1, "x").toString()).isEqualTo("[::1]:8485");
        assertThatThrownBy(() -> HostPort.parse("k", "::1:8485", -1, "0.0.0.0:8485"))
                .hasMessageContaining("write IPv6 addresses as [addr]:port");
    }
}
