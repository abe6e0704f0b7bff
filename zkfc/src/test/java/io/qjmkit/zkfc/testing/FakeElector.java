package io.qjmkit.zkfc.testing;

import io.qjmkit.zkfc.election.BreadcrumbRead;
import io.qjmkit.zkfc.election.ElectionEvent;
import io.qjmkit.zkfc.election.ElectionException;
import io.qjmkit.zkfc.election.ElectionListener;
import io.qjmkit.zkfc.election.Elector;
import io.qjmkit.zkfc.target.NameNodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** An {@link Elector} whose leadership, breadcrumb and serving entry the test controls. */
public final class FakeElector implements Elector {
    private final ElectionListener listener;
    private boolean joined;
    private boolean leading;
    private boolean connected = true;
    private NameNodeRef breadcrumb;
    private int version = BreadcrumbRead.ABSENT;
    private int joins;
    private NameNodeRef serving;
    private final List<String> servingCalls = new ArrayList<>();
    private Consumer<String> servingObserver = call -> {};

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

    /** The NameNode the serving entry names, if any. */
    public synchronized Optional<NameNodeRef> serving() {
        return Optional.ofNullable(serving);
    }

    /** Another controller's entry, as a newer active would write it. */
    public synchronized void setServing(NameNodeRef owner) {
        serving = owner;
    }

    /** {@code publish:<nn>} and {@code withdraw:<nn>} calls, in order. */
    public synchronized List<String> servingCalls() {
        return List.copyOf(servingCalls);
    }

    /** Runs {@code observer} at each publish or withdraw call, before it takes effect. */
    public synchronized void onServingCall(Consumer<String> observer) {
        servingObserver = observer;
    }

    @Override
    public synchronized void publishServing(NameNodeRef self) {
        servingCall("publish:" + self.namenodeId());
        if (isLeading()) {
            serving = self;
        }
    }

    @Override
    public synchronized void withdrawServing(NameNodeRef self) {
        servingCall("withdraw:" + self.namenodeId());
        if (serving != null && serving.sameNameNode(self)) {
            serving = null;
        }
    }

    private void servingCall(String call) {
        servingCalls.add(call);
        servingObserver.accept(call);
    }

    @Override
    public void close() {
        leave();
    }
}
