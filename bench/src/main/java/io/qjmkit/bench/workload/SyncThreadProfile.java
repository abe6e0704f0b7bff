package io.qjmkit.bench.workload;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the active NameNode's edit-log sync thread spends its time, from a wall-clock profile of
 * that thread in collapsed form ({@code frame;frame;... count}, outermost frame first). With
 * asynchronous edit logging that single thread is the group commit's critical path: per sync it
 * writes the queued ops into the edit buffer, flushes every journal one after the other (the shared
 * journal first, then the local edits file, as Hadoop's JournalSet orders them) and wakes the
 * writers. Dividing each part's share of the samples by the syncs made while profiling gives its
 * time per sync, which compares two journals directly: only the shared journal's part is theirs.
 */
public final class SyncThreadProfile {
    /** The parts of a sync, each recognized by a frame of Hadoop's on the sampled stack. */
    public enum Part {
        SHARED_JOURNAL("shared journal flush"),
        LOCAL_EDITS("local edits file flush"),
        WAKING_WRITERS("waking the writers"),
        BUFFERING("writing ops into the buffer"),
        WAITING_FOR_OPS("waiting for ops"),
        OTHER("other");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Map<Part, Long> samples;
    private final long total;

    private SyncThreadProfile(Map<Part, Long> samples) {
        this.samples = samples;
        this.total = samples.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Classifies every sample of {@code collapsed}; blank lines are skipped. */
    public static SyncThreadProfile parse(List<String> collapsed) {
        Map<Part, Long> samples = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            samples.put(p, 0L);
        }
        for (String line : collapsed) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int space = l.lastIndexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("not a collapsed stack (no sample count): " + l);
            }
            long count;
            try {
                count = Long.parseLong(l.substring(space + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a collapsed stack (bad sample count): " + l, e);
            }
            samples.merge(classify(l.substring(0, space).split(";")), count, Long::sum);
        }
        return new SyncThreadProfile(samples);
    }

    static Part classify(String[] frames) {
        boolean journalFlush = false;
        for (String frame : frames) {
            String f = simpleName(frame);
            if (f.equals("EditLogFileOutputStream.flushAndSync")) {
                return Part.LOCAL_EDITS;
            }
            journalFlush |= f.equals("EditLogOutputStream.flush");
        }
        if (journalFlush) {
            return Part.SHARED_JOURNAL;
        }
        for (String frame : frames) {
            String f = simpleName(frame);
            if (f.endsWith(".logSyncNotify")) {
                return Part.WAKING_WRITERS;
            }
            if (f.endsWith(".dequeueEdit")) {
                return Part.WAITING_FOR_OPS;
            }
            if (f.endsWith(".doEditTransaction")) {
                return Part.BUFFERING;
            }
        }
        return Part.OTHER;
    }

    /** {@code org/apache/Foo$Bar.run_[j]} becomes {@code Foo$Bar.run}. */
    private static String simpleName(String frame) {
        String f = frame.substring(frame.lastIndexOf('/') + 1);
        int annotation = f.indexOf("_[");
        return annotation < 0 ? f : f.substring(0, annotation);
    }

    public long samples(Part part) {
        return samples.get(part);
    }

    public long totalSamples() {
        return total;
    }

    /** The part's share of the sync thread's wall time times the profiled wall time, per sync. */
    public double millisPerSync(Part part, double profiledMillis, long syncs) {
        if (total == 0 || syncs <= 0) {
            return 0;
        }
        return (double) samples(part) / total * profiledMillis / syncs;
    }

    /** Rows of the table: the shared journal's, the local file's and the rest's time per sync. */
    public List<Figure> figures(String scenario, double profiledMillis, long syncs, long txns) {
        if (total == 0 || syncs <= 0) {
            return List.of();
        }
        double shared = millisPerSync(Part.SHARED_JOURNAL, profiledMillis, syncs);
        double local = millisPerSync(Part.LOCAL_EDITS, profiledMillis, syncs);
        List<Figure> f = new ArrayList<>();
        f.add(Figure.latencyMs(scenario, "sync thread: shared journal flush per sync", shared));
        f.add(Figure.latencyMs(scenario, "sync thread: local edits file flush per sync", local));
        f.add(Figure.latencyMs(scenario, "sync thread: all else per sync", profiledMillis / syncs - shared - local));
        f.add(new Figure(scenario, "txns per sync", "txns", false, (double) txns / syncs));
        return f;
    }

    /** A readable breakdown for the profile's directory. */
    public String text(String title, double profiledMillis, long syncs, long txns) {
        StringBuilder b = new StringBuilder(title).append('\n');
        b.append(String.format(
                Locale.ROOT,
                "%d samples over %.0f ms; %d syncs, %d txns (%.2f per sync); %.3f ms per sync%n",
                total,
                profiledMillis,
                syncs,
                txns,
                syncs > 0 ? (double) txns / syncs : 0.0,
                syncs > 0 ? profiledMillis / syncs : 0.0));
        for (Part p : Part.values()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%6.1f %%  %.3f ms per sync  %s%n",
                    total == 0 ? 0.0 : 100.0 * samples(p) / total,
                    millisPerSync(p, profiledMillis, syncs),
                    p.label()));
        }
        return b.toString();
    }
}
