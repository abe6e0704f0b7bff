package io.qjmkit.journalnode.server;

import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.journalnode.journal.SegmentFetcher;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.storage.Disk;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.protocol.message.JournalException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journals of this JournalNode, one per directory below the edits dir, each with its own
 * single-thread executor so that a slow fsync on one journal delays no other journal.
 */
public final class JournalRegistry implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRegistry.class);

    /**
     * A journal and the thread its mutations run on. It counts the tasks handed to that thread
     * and not yet finished, so that a caller who sees it {@link #idle} knows every mutation it
     * submitted earlier has completed and may run the next one itself without reordering.
     */
    public static final class Lane {
        private final Journal journal;
        private final ExecutorService executor;
        private final AtomicInteger unfinished = new AtomicInteger();

        Lane(Journal journal, ExecutorService executor) {
            this.journal = journal;
            this.executor = executor;
        }

        public Journal journal() {
            return journal;
        }

        ExecutorService executor() {
            return executor;
        }

        /** Runs {@code task} on the lane's thread after everything submitted before it. */
        public void submit(Runnable task) {
            unfinished.incrementAndGet();
            try {
                executor.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        unfinished.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                unfinished.decrementAndGet();
                throw e;
            }
        }

        /** True when no submitted task is queued or running. */
        public boolean idle() {
            return unfinished.get() == 0;
        }
    }

    private final Path editsDir;
    private final Disk disk;
    private final JournalMetrics metrics;
    private final SegmentFetcher fetcher;
    private final Function<String, ExecutorService> laneFactory;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    public JournalRegistry(Path editsDir, Disk disk, JournalMetrics metrics, SegmentFetcher fetcher) {
        this(editsDir, disk, metrics, fetcher, JournalRegistry::singleThread);
    }

    /** As above with the lane executors injected (tests run requests on the calling thread). */
    public JournalRegistry(
            Path editsDir,
            Disk disk,
            JournalMetrics metrics,
            SegmentFetcher fetcher,
            Function<String, ExecutorService> laneFactory) {
        this.editsDir = editsDir;
        this.disk = disk;
        this.metrics = metrics;
        this.fetcher = fetcher;
        this.laneFactory = laneFactory;
    }

    private static ExecutorService singleThread(String id) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "journal-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens every journal directory found below the edits dir. */
    public void loadExisting() throws IOException {
        disk.createDirectories(editsDir);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(editsDir)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path d : dirs) {
            String id = d.getFileName().toString();
            if (!JournalIds.isValid(id)) {
                LOG.warn("Ignoring directory {}: not a valid journal id", d);
                continue;
            }
            lane(id, true);
        }
    }

    /** The journal {@code id}, or null when this node has never seen it. */
    public Lane find(String id) throws JournalException {
        JournalIds.check(id);
        return lanes.get(id);
    }

    /** The journal {@code id}, creating (unformatted) when {@code create}. */
    public Lane lane(String id, boolean create) throws IOException {
        JournalIds.check(id);
        Lane lane = lanes.get(id);
        if (lane != null || !create) {
            return lane;
        }
        synchronized (this) {
            lane = lanes.get(id);
            if (lane == null) {
                Journal j = new Journal(id, new JournalStorage(disk, editsDir, id), metrics, fetcher);
                j.load();
                lane = new Lane(j, laneFactory.apply(id));
                lanes.put(id, lane);
            }
            return lane;
        }
    }

    public Collection<Journal> journals() {
        return lanes.values().stream().map(Lane::journal).toList();
    }

    @Override
    public synchronized void close() {
        for (Lane lane : lanes.values()) {
            lane.executor().shutdown();
        }
        for (Lane lane : lanes.values()) {
            try {
                if (!lane.executor().awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn(
                            "[{}] requests still running after 10 s; closing anyway",
                            lane.journal().journalId());
                    lane.executor().shutdownNow();
                }
                lane.journal().close();
            } catch (IOException e) {
                LOG.warn("[{}] close failed: {}", lane.journal().journalId(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lanes.clear();
    }
}
