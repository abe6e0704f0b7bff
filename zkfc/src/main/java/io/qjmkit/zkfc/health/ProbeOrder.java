package io.qjmkit.zkfc.health;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders health probes against the controller's own transitions of its NameNode, without a clock.
 * A probe takes a ticket when it begins and a transition takes one when its RPC has returned, both
 * from the same instance; a report whose ticket is lower than a transition's was begun before that
 * transition ended, so the HA state it carries may predate it.
 */
public final class ProbeOrder {
    private final AtomicLong last = new AtomicLong();

    /** A ticket higher than every one handed out before. */
    public long next() {
        return last.incrementAndGet();
    }
}
