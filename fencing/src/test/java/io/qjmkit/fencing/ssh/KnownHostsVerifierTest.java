package io.qjmkit.fencing.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.fencing.ssh.KnownHostsVerifier.Verdict;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsVerifierTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 22);
    private static final String ED25519_LINE =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0S1Ik7ZpX9wRkuldi7KF9Q4X5Yw3QSqjWvKPt8nPX";

    private static PublicKey hostKey;
    private static PublicKey otherKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        hostKey = generator.generateKeyPair().getPublic();
        otherKey = generator.generateKeyPair().getPublic();
    }

    private Path knownHosts(String... lines) throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.write(file, java.util.List.of(lines));
        return file;
    }

    private static String entry(String hosts, PublicKey key) {
        return hosts + " " + PublicKeyEntry.toString(key);
    }

    @Test
    void acceptsListedKeySkippingEntriesItCannotDecode() throws Exception {
        KnownHostsVerifier verifier =
                new KnownHostsVerifier(knownHosts("nn1 " + ED25519_LINE, entry("nn0,nn1", hostKey)), "nn1", 22);

        assertThat(verifier.verifyServerKey(null, REMOTE, hostKey)).isTrue();
        assertThat(verifier.verdict()).isEqualTo(Verdict.MATCH);
    }

    @Test
    void matchesNonStandardPortOnlyInBracketForm() throws Exception {
        Path file = knownHosts(entry("[nn1]:2222", hostKey));

        assertThat(new KnownHostsVerifier(file, "nn1", 2222).verifyServerKey(null, REMOTE, hostKey))
                .isTrue();
        KnownHostsVerifier port22 = new KnownHostsVerifier(file, "nn1", 22);
        assertThat(port22.verifyServerKey(null, REMOTE, hostKey)).isFalse();
        assertThat(port22.verdict()).isEqualTo(Verdict.UNKNOWN_HOST);
    }

    @Test
    void refusesChangedKey() throws Exception {
        KnownHostsVerifier verifier = new KnownHostsVerifier(knownHosts(entry("nn1", otherKey)), "nn1", 22);

        assertThat(verifier.verifyServerKey(null, REMOTE, hostKey)).isFalse();
        assertThat(verifier.verdict()).isEqualTo(Verdict.KEY_MISMATCH);
    }

    @Test
    void refusesUnknownHostAndNeverWritesTheFile() throws Exception {
        Path file = knownHosts(entry("nn2", hostKey));
        KnownHostsVerifier verifier = new KnownHostsVerifier(file, "nn1", 22);

        assertThat(verifier.verifyServerKey(null, REMOTE, hostKey)).isFalse();
        assertThat(verifier.verdict()).isEqualTo(Verdict.UNKNOWN_HOST);
        assertThat(Files.readAllLines(file)).containsExactly(entry("nn2", hostKey));
    }

    @Test
    void refusesRevokedKeyEvenWhenAlsoListed() throws Exception {
        KnownHostsVerifier verifier =
                new KnownHostsVerifier(knownHosts("@revoked " + entry("*", hostKey), entry("nn1", hostKey)), "nn1", 22);

        assertThat(verifier.verifyServerKey(null, REMOTE, hostKey)).isFalse();
        assertThat(verifier.verdict()).isEqualTo(Verdict.REVOKED_KEY);
    }

    @Test
    void refusesWhenTheFileIsMissing() {
        KnownHostsVerifier verifier = new KnownHostsVerifier(dir.resolve("absent"), "nn1", 22);

        assertThat(verifier.verifyServerKey(null, REMOTE, hostKey)).isFalse();
        assertThat(verifier.verdict()).isEqualTo(Verdict.FILE_UNREADABLE);
    }

    @Test
    void reportsDecodableKeyTypesListedForTheHost() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KnownHostsVerifier verifier = new KnownHostsVerifier(
                knownHosts(
                        "nn1 " + ED25519_LINE,
                        entry("nn1", rsa.generateKeyPair().getPublic()),
                        entry("nn1", hostKey),
                        entry("nn2", otherKey)),
                "nn1",
                22);

        assertThat(verifier.knownKeyTypes()).containsExactly("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256");
    }
}
