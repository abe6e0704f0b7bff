package io.qjmkit.fencing.ssh;

import io.qjmkit.fencing.FencingConfigException;
import io.qjmkit.fencing.FencingKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/** Loads the private keys {@code sshfence} logs in with, naming the file that cannot be used. */
final class SshKeys {
    private SshKeys() {}

    /**
     * Loads every key in {@code files}.
     *
     * @throws FencingConfigException naming the file and the key when a file is missing, unreadable,
     *     encrypted, of an unsupported type or holds no key
     */
    static List<KeyPair> load(List<Path> files) throws FencingConfigException {
        List<KeyPair> keys = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new FencingConfigException(FencingKeys.SSH_PRIVATE_KEY_FILES + " names " + file
                        + ", which is missing or unreadable by this user");
            }
            int before = keys.size();
            try {
                new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
            } catch (RuntimeException e) {
                throw new FencingConfigException(FencingKeys.SSH_PRIVATE_KEY_FILES + " names " + file
                        + ", which cannot be loaded (" + e + "). Use an unencrypted RSA or ECDSA key in OpenSSH"
                        + " or PEM format (ed25519 needs the net.i2p.crypto:eddsa library on the classpath)");
            }
            if (keys.size() == before) {
                throw new FencingConfigException(
                        FencingKeys.SSH_PRIVATE_KEY_FILES + " names " + file + ", which holds no private key");
            }
        }
        return keys;
    }
}
