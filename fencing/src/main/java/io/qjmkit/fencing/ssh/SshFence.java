package io.qjmkit.fencing.ssh;

import io.qjmkit.fencing.FenceMethod;
import io.qjmkit.fencing.FenceTarget;
import io.qjmkit.fencing.FencingConfigException;
import io.qjmkit.fencing.FencingKeys;
import io.qjmkit.fencing.output.BoundedLineLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.signature.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sshfence([[user][:port]])} fence method: over SSH to the target's host, kill whatever
 * listens on the target's RPC port and succeed only when the remote host shows the port free. The
 * host key must be in the known-hosts file. Each call uses a fresh SSH client, so keys and the
 * known-hosts file are read anew at every fencing.
 */
public final class SshFence implements FenceMethod {
    private static final Logger LOG = LoggerFactory.getLogger(SshFence.class);
    private static final int MAX_OUTPUT_LINES = 100;
    private static final int MAX_LINE_CHARS = 1_000;

    private final SshLogin login;
    private final SshSettings settings;
    private final IntFunction<String> remoteCommand;

    /**
     * An SSH fence logging in as {@code login} with {@code settings}.
     *
     * @param login the user and SSH port from {@code sshfence(user:port)}
     * @param settings keys, known-hosts file and timeouts
     */
    public SshFence(SshLogin login, SshSettings settings) {
        this(login, settings, RemoteKillScript::forPort);
    }

    /** As the public constructor, with the remote command for a given NameNode port replaced (tests). */
    SshFence(SshLogin login, SshSettings settings, IntFunction<String> remoteCommand) {
        this.login = Objects.requireNonNull(login, "login");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.remoteCommand = Objects.requireNonNull(remoteCommand, "remoteCommand");
    }

    /**
     * Builds the fence for the argument of {@code sshfence(...)} (empty for plain {@code sshfence}).
     *
     * @throws FencingConfigException when the argument is malformed, no usable key file is configured,
     *     the known-hosts file is unreadable or a timeout is not a positive number
     */
    public static SshFence fromConfiguration(String argument, Configuration conf) throws FencingConfigException {
        return new SshFence(SshLogin.parse(argument), SshSettings.fromConfiguration(conf));
    }

    public SshLogin login() {
        return login;
    }

    public SshSettings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return "sshfence(" + login + ")";
    }

    @Override
    public boolean fence(FenceTarget target) throws InterruptedException {
        List<KeyPair> keys;
        try {
            keys = SshKeys.load(settings.privateKeyFiles());
        } catch (FencingConfigException e) {
            LOG.warn("Fencing {} with {}: {}", target, describe(), e.getMessage());
            return false;
        }
        KnownHostsVerifier verifier = new KnownHostsVerifier(settings.knownHostsFile(), target.host(), login.port());
        SshClient client = newClient(verifier);
        client.start();
        try {
            return fenceWith(client, keys, verifier, target);
        } finally {
            client.stop();
        }
    }

    private boolean fenceWith(SshClient client, List<KeyPair> keys, KnownHostsVerifier verifier, FenceTarget target)
            throws InterruptedException {
        String where = login.user() + "@" + target.host() + ":" + login.port();
        LOG.info("Fencing {}: connecting over SSH to {}", target, where);
        try (ClientSession session = client.connect(login.user(), target.host(), login.port())
                .verify(settings.connectTimeout())
                .getSession()) {
            keys.forEach(session::addPublicKeyIdentity);
            session.auth().verify(settings.connectTimeout());
            LOG.info(
                    "Fencing {}: logged in to {}; stopping whatever listens on tcp port {}",
                    target,
                    where,
                    target.port());
            return runRemote(session, target);
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            if (verifier.verdict() == KnownHostsVerifier.Verdict.MATCH
                    || verifier.verdict() == KnownHostsVerifier.Verdict.NOT_CHECKED) {
                LOG.warn(
                        "Fencing {}: SSH to {} failed; not fenced ({} = {} ms, keys {}): {}",
                        target,
                        where,
                        FencingKeys.SSH_CONNECT_TIMEOUT_MS,
                        settings.connectTimeout().toMillis(),
                        settings.privateKeyFiles(),
                        e.toString());
            }
            // otherwise the verifier already logged why the host was refused
            return false;
        }
    }

    private boolean runRemote(ClientSession session, FenceTarget target) throws IOException, InterruptedException {
        BoundedLineLog output = new BoundedLineLog(LOG, "[sshfence] " + target + ":", MAX_OUTPUT_LINES, MAX_LINE_CHARS);
        long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
        try (OutputStream out = output.asOutputStream();
                ChannelExec channel = session.createExecChannel(remoteCommand.apply(target.port()))) {
            channel.setOut(out);
            channel.setRedirectErrorStream(true);
            channel.open().verify(settings.commandTimeout());
            if (!awaitClosed(channel, deadline)) {
                channel.close(true);
                LOG.warn(
                        "Fencing {}: the remote command did not finish within {} ms ({}); not fenced",
                        target,
                        settings.commandTimeout().toMillis(),
                        FencingKeys.SSH_COMMAND_TIMEOUT_MS);
                return false;
            }
            return judge(target, channel.getExitStatus());
        } finally {
            output.finish();
        }
    }

    /**
     * Waits until the channel closed or the deadline passed. SSHD's waitFor may return TIMEOUT a
     * little early, so this loops until the deadline has really passed.
     */
    private static boolean awaitClosed(ChannelExec channel, long deadlineNanos) throws InterruptedException {
        while (true) {
            long remainingMs = (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000;
            Set<ClientChannelEvent> events =
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Math.max(1, remainingMs));
            if (Thread.interrupted()) {
                channel.close(true);
                throw new InterruptedException("interrupted while waiting for the remote fence command");
            }
            if (events.contains(ClientChannelEvent.CLOSED)) {
                return true;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
        }
    }

    private boolean judge(FenceTarget target, Integer status) {
        if (status == null) {
            LOG.warn("Fencing {}: the remote command ended without an exit status; not fenced", target);
            return false;
        }
        switch (status) {
            case RemoteKillScript.PORT_FREE -> {
                LOG.info("Fencing {}: tcp port {} on {} is free; fenced", target, target.port(), target.host());
                return true;
            }
            case RemoteKillScript.STILL_LISTENING -> LOG.warn(
                    "Fencing {}: tcp port {} on {} is still in use after SIGTERM and SIGKILL; not fenced. Is {} allowed to"
                            + " kill the NameNode process?",
                    target,
                    target.port(),
                    target.host(),
                    login.user());
            case RemoteKillScript.CANNOT_CHECK -> LOG.warn(
                    "Fencing {}: {} has none of ss, fuser, lsof, netstat, so the port cannot be proven free; not"
                            + " fenced. Install iproute2 or psmisc there",
                    target,
                    target.host());
            default -> LOG.warn("Fencing {}: the remote command exited with status {}; not fenced", target, status);
        }
        return false;
    }

    private static SshClient newClient(KnownHostsVerifier verifier) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier);
        // Only the configured keys, no ~/.ssh/config, no passwords or prompts.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setSignatureFactories(preferKnownTypes(client.getSignatureFactories(), verifier.knownKeyTypes()));
        return client;
    }

    /**
     * Puts the signature algorithms of host key types already listed for the host first, as OpenSSH
     * does, so that the server offers a key we can check instead of one of a type we do not know.
     */
    static List<NamedFactory<Signature>> preferKnownTypes(
            List<NamedFactory<Signature>> factories, Set<String> knownTypes) {
        List<NamedFactory<Signature>> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparing(f -> !knownTypes.contains(KeyUtils.getCanonicalKeyType(f.getName()))));
        return ordered;
    }

    private static InterruptedException interrupted(Exception cause) {
        Thread.currentThread().interrupt();
        InterruptedException e = new InterruptedException("interrupted while fencing over SSH");
        e.initCause(cause);
        return e;
    }

    @Override
    public String toString() {
        return describe();
    }
}
