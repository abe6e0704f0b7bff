package io.qjmkit.bench.stats;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collections of this JVM while it is open, as the collectors announce them, so a
 * latency sample can be checked afterwards for a collection that overlapped it, without any cost
 * on the measured path. The benchmark's NameNodes live in this JVM, so a collection stops the
 * active, the standby and the probe together: time that is neither the journal nor a wait for a
 * CPU.
 *
 * <p>Collectors stamp a collection in whole milliseconds since an origin of their own, a few
 * milliseconds away from {@code RuntimeMXBean} uptime's. That origin is placed on the {@link
 * System#nanoTime} scale from the announcements themselves: each arrives after its collection
 * ended, so the earliest arrival relative to its end bounds the origin. The bound is only as tight
 * as the promptest announcement heard, so listen for the whole run, not one phase: a phase with one
 * or two collections, announced late on two busy cores, would place them late by that delay and
 * miss the very pause that overlapped a sample.
 */
public final class GcPauses implements AutoCloseable {
    /**
     * One collection: start and end in the collectors' milliseconds, and the {@link
     * System#nanoTime} when its announcement arrived.
     */
    public record Collection(String collector, long startMs, long endMs, long heardAtNanos) {}

    private final List<Collection> seen = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    GcPauses() {}

    /** Starts listening to every collector that announces its collections. */
    public static GcPauses listen() {
        GcPauses pauses = new GcPauses();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(pauses.listener, null, null);
                pauses.emitters.add(emitter);
            }
        }
        return pauses;
    }

    private void onNotification(Notification n, Object handback) {
        long heardAt = System.nanoTime();
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        record(new Collection(
                info.getGcName(),
                info.getGcInfo().getStartTime(),
                info.getGcInfo().getEndTime(),
                heardAt));
    }

    void record(Collection c) {
        synchronized (seen) {
            seen.add(c);
        }
    }

    /** How many collections were announced between two {@link System#nanoTime} readings. */
    public int heardBetween(long fromNanos, long toNanos) {
        int n = 0;
        for (Collection c : collections()) {
            if (c.heardAtNanos() >= fromNanos && c.heardAtNanos() <= toNanos) {
                n++;
            }
        }
        return n;
    }

    /** The collections announced so far. */
    public List<Collection> collections() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /**
     * Milliseconds of collection overlapping {@code [fromNanos, toNanos]} ({@link System#nanoTime}
     * values). Collections are stamped in whole milliseconds, so the window is widened by one on
     * each side and the answer is an upper bound good to about a millisecond.
     */
    public long overlapMillis(long fromNanos, long toNanos) {
        List<Collection> all = collections();
        if (all.isEmpty()) {
            return 0;
        }
        long originNanos = Long.MAX_VALUE;
        for (Collection c : all) {
            originNanos = Math.min(originNanos, c.heardAtNanos() - c.endMs() * 1_000_000L);
        }
        long from = Math.floorDiv(fromNanos - originNanos, 1_000_000L) - 1;
        long to = Math.floorDiv(toNanos - originNanos, 1_000_000L) + 1;
        long total = 0;
        for (Collection c : all) {
            long start = Math.max(from, c.startMs());
            long end = Math.min(to, c.endMs());
            if (end > start) {
                total += end - start;
            }
        }
        return total;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
