package io.qjmkit.haclient;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.HAUtilClient;
import org.apache.hadoop.hdfs.client.HdfsClientConfigKeys;
import org.apache.hadoop.hdfs.server.namenode.ha.AbstractNNFailoverProxyProvider;
import org.apache.hadoop.hdfs.server.namenode.ha.HAProxyFactory;
import org.apache.hadoop.ipc.RPC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client failover proxy provider that follows the active NameNode through the {@code
 * ActiveServing} znode qjm-kit's failover controllers write right after a NameNode became active,
 * instead of trying NameNodes in turn with growing sleeps. Configure it with {@code
 * dfs.client.failover.proxy.provider.<ns>=io.qjmkit.haclient.ZooKeeperFailoverProxyProvider} and
 * {@code ha.zookeeper.quorum} (see {@link ProviderSettings}).
 *
 * <p>Hadoop's retry handler calls {@link #performFailover} after its retry delay (none for the first
 * failover), so blocking there until ZooKeeper names the new active gives the shortest gap. The
 * wait is bounded by {@code qjmkit.client.failover.zk-wait.ms}, never happens while ZooKeeper is
 * disconnected, never happens for a nameservice where no entry was ever seen (no qjm-kit
 * controllers), and happens at most once per ZooKeeper state; otherwise it fails over round robin
 * like {@code ConfiguredFailoverProxyProvider}. One ZooKeeper session per provider instance, that is
 * per {@code DFSClient}.
 */
public class ZooKeeperFailoverProxyProvider<T> extends AbstractNNFailoverProxyProvider<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperFailoverProxyProvider.class);

    /** Failover decisions so far (for tests and debugging). */
    public record Counts(long followedZooKeeper, long roundRobin, int waitingNow) {}

    private final String nameserviceId;
    private final FailoverChoice choice;
    private final List<NNProxyInfo<T>> proxies;
    private final long zkWaitMs;
    private final long zkStaleWaitMs;
    private final ServingActiveWatcher watcher;
    private final AtomicLong followed = new AtomicLong();
    private final AtomicLong roundRobin = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();

    // Guarded by this.
    private int current;
    private long waitedOutGeneration = -1;

    /** The constructor Hadoop's {@code NameNodeProxiesClient} calls; starts the ZooKeeper watch in the background. */
    public ZooKeeperFailoverProxyProvider(Configuration conf, URI uri, Class<T> xface, HAProxyFactory<T> factory) {
        super(conf, uri, xface, factory);
        this.nameserviceId = uri.getHost();
        ProviderSettings settings = ProviderSettings.fromConfiguration(this.conf, nameserviceId);
        Map<String, InetSocketAddress> addresses = DFSUtilClient.getAddressesForNameserviceId(
                this.conf, nameserviceId, null, HdfsClientConfigKeys.DFS_NAMENODE_RPC_ADDRESS_KEY);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("No NameNode RPC addresses for nameservice " + nameserviceId + " (URI "
                    + uri + "): set " + HdfsClientConfigKeys.DFS_HA_NAMENODES_KEY_PREFIX + "." + nameserviceId
                    + " and " + HdfsClientConfigKeys.DFS_NAMENODE_RPC_ADDRESS_KEY + "." + nameserviceId + ".<nn>");
        }
        List<String> ids = new ArrayList<>(addresses.keySet());
        if (getRandomOrder(this.conf, uri)) {
            Collections.shuffle(ids); // like the stock provider: spread clients over the NameNodes
        }
        this.choice = new FailoverChoice(ids);
        List<NNProxyInfo<T>> infos = new ArrayList<>();
        for (String id : ids) {
            infos.add(new NNProxyInfo<>(addresses.get(id)));
        }
        this.proxies = List.copyOf(infos);
        HAUtilClient.cloneDelegationTokenForLogicalUri(ugi, uri, addresses.values());
        this.zkWaitMs = settings.zkWaitMs();
        this.zkStaleWaitMs = settings.zkStaleWaitMs();
        String path = settings.servingPath(nameserviceId);
        this.watcher = new ServingActiveWatcher(
                ServingActiveWatcher.newClient(settings), path, nameserviceId, this::servingChanged);
        LOG.info(
                "[{}] following the active NameNode through {} on ZooKeeper {}; NameNodes {}; failover waits up to {}"
                        + " ms",
                nameserviceId,
                path,
                settings.quorum(),
                ids,
                zkWaitMs);
        watcher.start();
    }

    @Override
    public synchronized ProxyInfo<T> getProxy() {
        return createProxyIfNeeded(proxies.get(current));
    }

    /** The NameNode id calls go to now. */
    public synchronized String currentNameNodeId() {
        return choice.nameNodeIds().get(current);
    }

    /** The serving NameNode id ZooKeeper names now, as this provider last saw it. */
    public Optional<String> servingNameNodeId() {
        return watcher.observation().servingId();
    }

    public Counts counts() {
        return new Counts(followed.get(), roundRobin.get(), waiting.get());
    }

    @Override
    public void performFailover(T failedProxy) {
        int failed = indexOfProxy(failedProxy);
        String failedId = choice.nameNodeIds().get(failed);
        long start = System.nanoTime();
        boolean announced = false;
        while (true) {
            ServingActiveWatcher.Observation seen = watcher.observation();
            boolean stillNamesFailed = seen.servingId().filter(failedId::equals).isPresent();
            long limitMs = stillNamesFailed ? zkStaleWaitMs : zkWaitMs;
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(limitMs);
            FailoverChoice.Decision decision;
            synchronized (this) {
                boolean mayWait =
                        zkWaitMs > 0 && seen.connected() && seen.everSeen() && seen.generation() != waitedOutGeneration;
                decision = choice.afterFailure(current, failed, seen.servingId(), mayWait);
                if (decision.kind() != FailoverChoice.Kind.WAIT_FOR_ZOOKEEPER) {
                    switchTo(decision, failedId);
                    return;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                synchronized (this) {
                    waitedOutGeneration = seen.generation();
                    String key = stillNamesFailed ? ProviderSettings.ZK_STALE_WAIT_MS : ProviderSettings.ZK_WAIT_MS;
                    LOG.warn(
                            "[{}] ZooKeeper named no serving NameNode other than {} within {} ms ({}); failing"
                                    + " over round robin",
                            nameserviceId,
                            failedId,
                            limitMs,
                            key);
                    switchTo(choice.roundRobin(current), failedId);
                }
                return;
            }
            if (!announced) {
                LOG.info(
                        "[{}] {} failed over; waiting up to {} ms for ZooKeeper to name the new active",
                        nameserviceId,
                        failedId,
                        limitMs);
                announced = true;
            }
            waiting.incrementAndGet();
            try {
                watcher.awaitChange(seen.generation(), left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    switchTo(choice.roundRobin(current), failedId);
                }
                return;
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    // Called with this locked.
    private void switchTo(FailoverChoice.Decision decision, String failedId) {
        current = decision.index();
        String next = choice.nameNodeIds().get(current);
        if (decision.kind() == FailoverChoice.Kind.FOLLOW_ZOOKEEPER) {
            followed.incrementAndGet();
            LOG.info(
                    "[{}] failing over from {} to {}: ZooKeeper names it the serving active",
                    nameserviceId,
                    failedId,
                    next);
        } else {
            roundRobin.incrementAndGet();
            LOG.info("[{}] failing over from {} to {} (round robin)", nameserviceId, failedId, next);
        }
    }

    private synchronized int indexOfProxy(T proxy) {
        for (int i = 0; i < proxies.size(); i++) {
            if (proxy != null && proxies.get(i).proxy == proxy) {
                return i;
            }
        }
        return current;
    }

    private synchronized void servingChanged(Optional<String> servingId) {
        current = choice.preferred(current, servingId);
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        synchronized (this) {
            for (NNProxyInfo<T> info : proxies) {
                if (info.proxy instanceof Closeable closeable) {
                    closeable.close();
                } else if (info.proxy != null) {
                    RPC.stopProxy(info.proxy);
                }
            }
        }
    }

    /** Logical URI: the nameservice id, like the stock provider. */
    @Override
    public boolean useLogicalURI() {
        return true;
    }
}
