package io.qjmkit.zkfc.testing;

import io.qjmkit.zkfc.election.BreadcrumbRead;
import io.qjmkit.zkfc.election.ElectionEvent;
import io.qjmkit.zkfc.election.ElectionException;
import io.qjmkit.zkfc.election.ElectionListener;
import io.qjmkit.zkfc.election.Elector;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.util.Optional;

/** An {@link Elector} whose leadership and breadcrumb the test controls. */
public final class FakeElector implements Elector {
    private final ElectionListener listener;
    private boolean joined;
    private boolean leading;
    private boolean connected = true;
    private NameNodeRef breadcrumb;
    private int version = BreadcrumbRead.ABSENT;
    private int joins;

    public FakeElector(ElectionListener listener) {
        this.listener = listener;
    }

    /** Grants leadership (if joined) and tells the controller. */
    public void win() {
        synchronized (this) {
            if (!joined) {
                throw new IllegalStateException("cannot win without joining");
            }
            leading = true;
        }
        listener.electionChanged(ElectionEvent.LEADING, "test: won");
    }

    /** Another participant takes over while connected. */
    public void lose() {
        synchronized (this) {
            leading = false;
        }
        listener.electionChanged(ElectionEvent.NOT_LEADING, "test: lost");
    }

    /** The ZooKeeper connection is SUSPENDED or LOST. */
    public void disconnect(String why) {
        synchronized (this) {
            connected = false;
        }
        listener.electionChanged(ElectionEvent.DISCONNECTED, why);
    }

    public void reconnect() {
        synchronized (this) {
            connected = true;
        }
        if (isLeading()) {
            listener.electionChanged(ElectionEvent.LEADING, "test: reconnected");
        }
    }

    public synchronized void setBreadcrumb(NameNodeRef owner) {
        breadcrumb = owner;
        version = owner == null ? BreadcrumbRead.ABSENT : version + 1;
    }

    public synchronized Optional<NameNodeRef> breadcrumb() {
        return Optional.ofNullable(breadcrumb);
    }

    public synchronized int joins() {
        return joins;
    }

    @Override
    public synchronized void join() {
        if (!joined) {
            joined = true;
            joins++;
        }
    }

    @Override
    public synchronized void leave() {
        joined = false;
        leading = false;
    }

    @Override
    public synchronized boolean isJoined() {
        return joined;
    }

    @Override
    public synchronized boolean isLeading() {
        return joined && leading && connected;
    }

    @Override
    public synchronized BreadcrumbRead readBreadcrumb() {
        return new BreadcrumbRead(Optional.ofNullable(breadcrumb), version);
    }

    @Override
    public synchronized void claimBreadcrumb(NameNodeRef self, int expectedVersion) throws ElectionException {
        if (!isLeading()) {
            throw new ElectionException("test: latch node gone");
        }
        if (expectedVersion != version) {
            throw new ElectionException("test: bad version " + expectedVersion + " != " + version);
        }
        breadcrumb = self;
        version++;
    }

    @Override
    public synchronized boolean deleteBreadcrumb(NameNodeRef self) {
        if (breadcrumb != null && breadcrumb.sameNameNode(self)) {
            breadcrumb = null;
            version = BreadcrumbRead.ABSENT;
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        leave();
    }
}
