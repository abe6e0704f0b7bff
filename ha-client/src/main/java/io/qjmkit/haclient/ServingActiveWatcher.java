package io.qjmkit.haclient;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.curator.framework.AuthInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last serving NameNode id named by the {@code ActiveServing} znode, with its own Curator
 * client: a one-shot ZooKeeper watch re-armed on every event and re-read after every reconnect (a
 * new session loses watches). Every change of what it knows (another id, the entry gone or
 * unreadable, the connection up or down) bumps a generation and wakes {@link #awaitChange} callers.
 * While ZooKeeper is not connected it knows nothing: a client must not act on an entry it can no
 * longer see change. Uses only Curator 5.2.0 / ZooKeeper 3.8 APIs.
 */
public final class ServingActiveWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServingActiveWatcher.class);

    /**
     * What the watcher knows at one moment.
     *
     * @param servingId the NameNode id the znode names; empty when absent, unreadable or disconnected
     * @param generation bumped at every change of this observation
     * @param everSeen whether a valid entry was ever read: qjm-kit's controllers run for this nameservice
     * @param connected whether the ZooKeeper connection is up now
     */
    public record Observation(Optional<String> servingId, long generation, boolean everSeen, boolean connected) {}

    private final CuratorFramework client;
    private final String path;
    private final String nameserviceId;
    private final Consumer<Optional<String>> onServingChange;
    private final CuratorWatcher watcher = this::watchFired;
    private final ConnectionStateListener connectionListener = (c, state) -> connectionChanged(state);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private Observation observation = new Observation(Optional.empty(), 0, false, false);
    private boolean closed;
    private String lastUnreadable;

    /**
     * @param client a Curator client not started yet; this watcher starts and closes it
     * @param onServingChange told (on a ZooKeeper thread) each time the serving id changes
     */
    public ServingActiveWatcher(
            CuratorFramework client, String path, String nameserviceId, Consumer<Optional<String>> onServingChange) {
        this.client = client;
        this.path = path;
        this.nameserviceId = nameserviceId;
        this.onServingChange = onServingChange;
    }

    /** A not-yet-started Curator client for {@code settings}. */
    public static CuratorFramework newClient(ProviderSettings settings) {
        List<AuthInfo> auths = settings.auths().stream()
                .map(a -> new AuthInfo(a.getScheme(), a.getAuth()))
                .toList();
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(settings.quorum())
                .sessionTimeoutMs(settings.sessionTimeoutMs())
                .connectionTimeoutMs(Math.min(settings.sessionTimeoutMs(), 15_000))
                .retryPolicy(new BoundedExponentialBackoffRetry(100, 2_000, 10));
        if (!auths.isEmpty()) {
            builder.authorization(auths);
        }
        return builder.build();
    }

    /** Connects in the background; the first read follows the connection. Returns at once. */
    public void start() {
        client.getConnectionStateListenable().addListener(connectionListener);
        client.start();
    }

    public Observation observation() {
        lock.lock();
        try {
            return observation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the observation's generation differs from {@code generation}, the watcher is
     * closed, or the timeout passes.
     *
     * @return true when it changed
     */
    public boolean awaitChange(long generation, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (observation.generation() == generation && !closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return observation.generation() != generation;
        } finally {
            lock.unlock();
        }
    }

    private void connectionChanged(ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED, READ_ONLY -> {
                LOG.debug("[{}] ZooKeeper {}: reading {}", nameserviceId, state, path);
                update(observation().servingId(), true, false);
                refresh();
            }
            case SUSPENDED, LOST -> {
                LOG.info(
                        "[{}] ZooKeeper connection {}: failovers go round robin until it is back",
                        nameserviceId,
                        state);
                update(Optional.empty(), false, false);
            }
        }
    }

    private void watchFired(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.None) {
            refresh();
        }
    }

    private void refresh() {
        if (isClosed()) {
            return;
        }
        try {
            client.getData().usingWatcher(watcher).inBackground(this::dataRead).forPath(path);
        } catch (Exception e) {
            LOG.warn("[{}] cannot read {} ({}); will retry on the next reconnect", nameserviceId, path, e.toString());
        }
    }

    private void dataRead(CuratorFramework c, CuratorEvent event) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        switch (code) {
            case OK -> accept(event.getData());
            case NONODE -> {
                update(Optional.empty(), true, false);
                watchCreation();
            }
            case NOAUTH -> LOG.warn(
                    "[{}] no permission to read {}: give clients read access in ha.zookeeper.acl or set"
                            + " ha.zookeeper.auth; failovers go round robin",
                    nameserviceId,
                    path);
            default -> LOG.debug("[{}] reading {} failed with {}; re-read after reconnect", nameserviceId, path, code);
        }
    }

    private void watchCreation() {
        if (isClosed()) {
            return;
        }
        try {
            client.checkExists()
                    .usingWatcher(watcher)
                    .inBackground((c, event) -> {
                        if (event.getStat() != null) {
                            refresh(); // created between the read and this watch
                        }
                    })
                    .forPath(path);
        } catch (Exception e) {
            LOG.warn("[{}] cannot watch {} ({}); will retry on the next reconnect", nameserviceId, path, e.toString());
        }
    }

    private void accept(byte[] data) {
        ServingActive entry;
        try {
            entry = ServingActive.parse(data);
        } catch (IllegalArgumentException e) {
            ignore("unreadable: " + e.getMessage());
            return;
        }
        if (!entry.nameserviceId().equals(nameserviceId)) {
            ignore("names nameservice " + entry.nameserviceId() + ", not " + nameserviceId);
            return;
        }
        update(Optional.of(entry.namenodeId()), true, true);
    }

    private void ignore(String why) {
        boolean fresh;
        lock.lock();
        try {
            fresh = !why.equals(lastUnreadable);
            lastUnreadable = why;
        } finally {
            lock.unlock();
        }
        if (fresh) {
            LOG.warn(
                    "[{}] ignoring {}: {}; failovers go round robin until qjm-kit's controller rewrites it",
                    nameserviceId,
                    path,
                    why);
        }
        update(Optional.empty(), true, false);
    }

    private void update(Optional<String> servingId, boolean connected, boolean valid) {
        boolean servingChanged;
        lock.lock();
        try {
            Observation old = observation;
            if (valid) {
                lastUnreadable = null;
            }
            boolean everSeen = old.everSeen() || valid;
            if (old.servingId().equals(servingId) && old.connected() == connected && old.everSeen() == everSeen) {
                return;
            }
            servingChanged = !old.servingId().equals(servingId);
            observation = new Observation(servingId, old.generation() + 1, everSeen, connected);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (servingChanged) {
            LOG.debug("[{}] ZooKeeper names {} as the serving active", nameserviceId, servingId.orElse("no NameNode"));
            onServingChange.accept(servingId);
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        client.close();
    }
}
