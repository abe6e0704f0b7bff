package io.qjmkit.zkfc.election;

import io.qjmkit.zkfc.target.NameNodeRef;

/**
 * The controller's thin view of ZooKeeper: join or leave the election, read, claim or delete the
 * active breadcrumb, and publish or withdraw the advisory serving-active entry for clients.
 * Implementations report changes to an {@link ElectionListener}.
 */
public interface Elector extends AutoCloseable {

    /** Enters the election (idempotent). */
    void join() throws ElectionException;

    /** Leaves the election, giving up leadership if held (idempotent). */
    void leave();

    /** True while joined. */
    boolean isJoined();

    /** True while this participant holds the latch and the ZooKeeper connection is up. */
    boolean isLeading();

    BreadcrumbRead readBreadcrumb() throws ElectionException;

    /**
     * Writes the breadcrumb naming {@code self} in one transaction that also checks this
     * participant's latch node still exists and that the breadcrumb still has {@code
     * expectedVersion} ({@link BreadcrumbRead#ABSENT}: does not exist).
     */
    void claimBreadcrumb(NameNodeRef self, int expectedVersion) throws ElectionException;

    /** Deletes the breadcrumb if it names {@code self}; true when one was deleted. */
    boolean deleteBreadcrumb(NameNodeRef self) throws ElectionException;

    /**
     * Tells clients that {@code self} serves as active (the {@code ActiveServing} znode), if this
     * participant still holds its latch node. Best effort: never throws, logs a WARN on failure.
     */
    void publishServing(NameNodeRef self);

    /**
     * Removes the {@code ActiveServing} entry if it names {@code self}. Best effort: never throws,
     * logs a WARN on failure.
     */
    void withdrawServing(NameNodeRef self);

    @Override
    void close();
}
