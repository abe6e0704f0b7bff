package io.qjmkit.zkfc.election;

import io.qjmkit.haclient.ServingActive;
import io.qjmkit.zkfc.target.NameNodeRef;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and removes the advisory {@code ActiveServing} znode that lets clients (the {@code
 * ha-client} proxy provider) find the active NameNode at once. Unlike the breadcrumb it plays no
 * part in safety: every failure only logs a WARN and clients fall back to round robin. Two rules
 * keep it from naming the wrong NameNode: it is written only while this controller's latch node
 * exists (same transaction), and it is removed only when it names this controller's NameNode, with
 * the version that was read (a slow old controller never removes a newer active's entry).
 */
public final class ServingActivePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ServingActivePublisher.class);

    private final CuratorFramework client;
    private final ZnodeLayout layout;
    private final String participantId;

    public ServingActivePublisher(CuratorFramework client, ZnodeLayout layout, String participantId) {
        this.client = client;
        this.layout = layout;
        this.participantId = participantId;
    }

    /**
     * Names {@code self} as the serving active: one transaction (check latch node, set data), or a
     * second one (check latch node, create) when the znode does not exist yet.
     *
     * @param latchPath this controller's latch node, or null when not in the election
     */
    public void publish(NameNodeRef self, String latchPath) {
        String path = layout.servingPath();
        if (latchPath == null) {
            LOG.warn("[{}] not naming {} in {}: not in the election any more", participantId, self, path);
            return;
        }
        if (!connected("name " + self + " in " + path)) {
            return;
        }
        try {
            byte[] data = new ServingActive(
                            self.nameserviceId(),
                            self.namenodeId(),
                            self.rpcAddress().getHostString(),
                            self.rpcAddress().getPort())
                    .toBytes();
            try {
                CuratorOp set = client.transactionOp().setData().forPath(path, data);
                client.transaction()
                        .forOperations(client.transactionOp().check().forPath(latchPath), set);
            } catch (KeeperException.NoNodeException e) {
                // The entry does not exist yet, or the latch node is gone: the create tells which.
                CuratorOp create = client.transactionOp()
                        .create()
                        .withMode(CreateMode.PERSISTENT)
                        .forPath(path, data);
                client.transaction()
                        .forOperations(client.transactionOp().check().forPath(latchPath), create);
            }
        } catch (Exception e) {
            LOG.warn(
                    "[{}] could not name {} in {} (latch node {}): {}; clients fail over round robin",
                    participantId,
                    self,
                    path,
                    latchPath,
                    e.toString());
            return;
        }
        LOG.info("[{}] {} now names {} as the serving active", participantId, path, self);
    }

    /** Removes the entry if, and only if, it names {@code self} (conditional on the version read). */
    public void withdraw(NameNodeRef self) {
        String path = layout.servingPath();
        if (!connected("withdraw " + self + " from " + path)) {
            return;
        }
        Stat stat = new Stat();
        ServingActive entry;
        try {
            entry = ServingActive.parse(client.getData().storingStatIn(stat).forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return;
        } catch (IllegalArgumentException e) {
            LOG.warn("[{}] leaving unreadable {} alone ({})", participantId, path, e.getMessage());
            return;
        } catch (Exception e) {
            LOG.warn("[{}] could not read {} to withdraw {}: {}", participantId, path, self, e.toString());
            return;
        }
        if (!entry.nameserviceId().equals(self.nameserviceId())
                || !entry.namenodeId().equals(self.namenodeId())) {
            LOG.debug("[{}] {} names {}, not {}: left alone", participantId, path, entry.namenodeId(), self);
            return;
        }
        try {
            client.delete().withVersion(stat.getVersion()).forPath(path);
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            LOG.info("[{}] {} changed while withdrawing {}: left to its new writer", participantId, path, self);
            return;
        } catch (Exception e) {
            LOG.warn("[{}] could not delete {} naming {}: {}", participantId, path, self, e.toString());
            return;
        }
        LOG.info("[{}] removed {}: {} no longer serves as active", participantId, path, self);
    }

    /**
     * Curator retries every call until connected; a step that must not hold up a promotion or a
     * demotion skips the entry at once instead while ZooKeeper is away.
     */
    private boolean connected(String what) {
        if (client.getZookeeperClient().isConnected()) {
            return true;
        }
        LOG.warn("[{}] ZooKeeper not connected: cannot {}; clients fail over round robin", participantId, what);
        return false;
    }
}
