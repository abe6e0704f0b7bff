package io.qjmkit.zkfc.election;

import io.qjmkit.zkfc.target.NameNodeRef;
import java.io.IOException;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Elector} over a Curator {@link LeaderLatch}. A latch cannot be restarted once closed, so
 * each {@link #join()} makes a new one; events of an older latch are dropped. The client is owned
 * (built, started, closed) by the caller.
 */
public final class CuratorElector implements Elector {
    private static final Logger LOG = LoggerFactory.getLogger(CuratorElector.class);

    private final CuratorFramework client;
    private final ZnodeLayout layout;
    private final String participantId;
    private final ElectionListener listener;
    private final ServingActivePublisher servingPublisher;
    private final ConnectionStateListener connectionListener = (c, state) -> connectionChanged(state);
    private volatile LeaderLatch latch;
    /** Set when Curator gives the session up; the next connection is a new session. */
    private volatile boolean sessionReplaced;

    /**
     * @param participantId how this controller appears among the latch participants, e.g. {@code ns1.nn1}
     */
    public CuratorElector(
            CuratorFramework client, ZnodeLayout layout, String participantId, ElectionListener listener) {
        this.client = client;
        this.layout = layout;
        this.participantId = participantId;
        this.listener = listener;
        this.servingPublisher = new ServingActivePublisher(client, layout, participantId);
    }

    /**
     * Starts listening to the connection and checks that {@code -formatZK} created the
     * nameservice znode.
     */
    public void start() throws ElectionException {
        client.getConnectionStateListenable().addListener(connectionListener);
        try {
            if (client.checkExists().forPath(layout.nameservicePath()) == null) {
                throw new ElectionException("Znode " + layout.nameservicePath() + " does not exist in ZooKeeper "
                        + client.getZookeeperClient().getCurrentConnectionString()
                        + ": run 'bin/zkfc -formatZK' once for nameservice " + layout.nameserviceId());
            }
        } catch (ElectionException e) {
            throw e;
        } catch (Exception e) {
            throw new ElectionException("Cannot check znode " + layout.nameservicePath() + ": " + e, e);
        }
    }

    @Override
    public synchronized void join() throws ElectionException {
        if (latch != null) {
            return;
        }
        LeaderLatch fresh = new LeaderLatch(client, layout.latchPath(), participantId, LeaderLatch.CloseMode.SILENT);
        fresh.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                latchChanged(fresh, true);
            }

            @Override
            public void notLeader() {
                latchChanged(fresh, false);
            }
        });
        latch = fresh;
        try {
            fresh.start();
        } catch (Exception e) {
            latch = null;
            throw new ElectionException("Cannot join the election at " + layout.latchPath() + ": " + e, e);
        }
        LOG.info("[{}] joined the election at {}", participantId, layout.latchPath());
    }

    @Override
    public synchronized void leave() {
        LeaderLatch current = latch;
        if (current == null) {
            return;
        }
        latch = null;
        try {
            current.close();
        } catch (IOException | IllegalStateException e) {
            LOG.warn(
                    "[{}] closing the leader latch: {} (its ephemeral node goes with the session)",
                    participantId,
                    e.toString());
        }
        LOG.info("[{}] left the election", participantId);
    }

    @Override
    public boolean isJoined() {
        return latch != null;
    }

    @Override
    public boolean isLeading() {
        LeaderLatch current = latch;
        return current != null
                && current.hasLeadership()
                && client.getZookeeperClient().isConnected();
    }

    private void latchChanged(LeaderLatch source, boolean leading) {
        if (source != latch) {
            return;
        }
        if (leading) {
            listener.electionChanged(ElectionEvent.LEADING, "acquired the leader latch");
        } else if (client.getZookeeperClient().isConnected()) {
            listener.electionChanged(ElectionEvent.NOT_LEADING, "lost the leader latch while connected");
        } else {
            listener.electionChanged(ElectionEvent.DISCONNECTED, "leader latch released: ZooKeeper disconnected");
        }
    }

    private void connectionChanged(ConnectionState state) {
        LOG.info("[{}] ZooKeeper connection {}", participantId, state);
        switch (state) {
            case CONNECTED, RECONNECTED -> {
                if (sessionReplaced) {
                    sessionReplaced = false;
                    rejoinWithNewSession();
                }
                // The latch re-checks its node by itself and reports LEADING when it still leads.
                if (isLeading()) {
                    listener.electionChanged(ElectionEvent.LEADING, "reconnected and still leading");
                }
            }
            case SUSPENDED -> listener.electionChanged(
                    ElectionEvent.DISCONNECTED, "ZooKeeper connection suspended: not leading, NameNode unchanged");
            case LOST -> {
                sessionReplaced = true;
                listener.electionChanged(
                        ElectionEvent.DISCONNECTED, "ZooKeeper session lost: not leading, NameNode unchanged");
            }
            case READ_ONLY -> listener.electionChanged(
                    ElectionEvent.DISCONNECTED, "ZooKeeper connection read-only: not leading");
        }
    }

    /**
     * After a lost session the latch may find its old node again: a restarted server restores the
     * sessions it had, and expires the old one only later. A latch that does not lead watches only
     * its predecessor, so it would never see its own node go and would stay out of the election.
     * A fresh latch creates its node under the new session.
     */
    private synchronized void rejoinWithNewSession() {
        if (latch == null) {
            return;
        }
        LOG.info("[{}] new ZooKeeper session: joining the election again with a fresh latch node", participantId);
        leave();
        try {
            join();
        } catch (ElectionException e) {
            listener.electionChanged(ElectionEvent.DISCONNECTED, "could not rejoin the election: " + e.getMessage());
        }
    }

    @Override
    public BreadcrumbRead readBreadcrumb() throws ElectionException {
        String path = layout.breadcrumbPath();
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return BreadcrumbRead.absent();
        } catch (Exception e) {
            throw new ElectionException("Cannot read breadcrumb " + path + ": " + e, e);
        }
        try {
            return new BreadcrumbRead(Optional.of(ActiveBreadcrumb.parse(data).nameNode()), stat.getVersion());
        } catch (IllegalArgumentException e) {
            throw new ElectionException("Breadcrumb " + path + " is unreadable (" + e.getMessage()
                    + "); the last active NameNode is unknown. Make sure no NameNode is active, then delete it"
                    + " (zkCli: delete " + path + ")");
        }
    }

    @Override
    public void claimBreadcrumb(NameNodeRef self, int expectedVersion) throws ElectionException {
        LeaderLatch current = latch;
        String ourPath = current == null ? null : current.getOurPath();
        if (ourPath == null) {
            throw new ElectionException("Not claiming breadcrumb: not in the election any more");
        }
        String path = layout.breadcrumbPath();
        byte[] data = new ActiveBreadcrumb(self).toBytes();
        try {
            CuratorOp check = client.transactionOp().check().forPath(ourPath);
            CuratorOp write = expectedVersion == BreadcrumbRead.ABSENT
                    ? client.transactionOp()
                            .create()
                            .withMode(CreateMode.PERSISTENT)
                            .forPath(path, data)
                    : client.transactionOp()
                            .setData()
                            .withVersion(expectedVersion)
                            .forPath(path, data);
            client.transaction().forOperations(check, write);
        } catch (Exception e) {
            throw new ElectionException(
                    "Cannot claim breadcrumb " + path + " for " + self + " (latch node " + ourPath
                            + ", expected version " + expectedVersion + "): " + e,
                    e);
        }
        LOG.info("[{}] breadcrumb {} now names {}", participantId, path, self);
    }

    @Override
    public boolean deleteBreadcrumb(NameNodeRef self) throws ElectionException {
        BreadcrumbRead read = readBreadcrumb();
        if (read.owner().isEmpty() || !read.owner().get().sameNameNode(self)) {
            return false;
        }
        try {
            client.delete().withVersion(read.version()).forPath(layout.breadcrumbPath());
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            return false;
        } catch (Exception e) {
            throw new ElectionException("Cannot delete breadcrumb " + layout.breadcrumbPath() + ": " + e, e);
        }
        LOG.info(
                "[{}] deleted own breadcrumb {}: the next active needs no fencing",
                participantId,
                layout.breadcrumbPath());
        return true;
    }

    @Override
    public void publishServing(NameNodeRef self) {
        LeaderLatch current = latch;
        servingPublisher.publish(self, current == null ? null : current.getOurPath());
    }

    @Override
    public void withdrawServing(NameNodeRef self) {
        servingPublisher.withdraw(self);
    }

    @Override
    public void close() {
        leave();
        client.getConnectionStateListenable().removeListener(connectionListener);
    }
}
