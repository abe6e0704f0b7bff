package io.qjmkit.bench.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Linux scheduler's view of an interval, from the lines of {@code perf sched timehist} over a
 * recording taken with {@code -k CLOCK_MONOTONIC} (so its times are {@link System#nanoTime}'s).
 * Each line is one stretch on a CPU: the task ran for "run time" up to the line's time, after
 * waiting "sch delay" for a CPU since it became runnable (woken, or preempted while runnable). For
 * a window it tells which threads waited for a CPU how long, and what the CPUs ran meanwhile.
 */
public final class SchedTimeline {
    // "   73547.981676 [0000]  java[1314/1311]    0.000      0.000      0.710 " (tid/pid, or tid alone)
    private static final Pattern LINE =
            Pattern.compile("^\\s*(\\d+)\\.(\\d{6})\\s+\\[(\\d+)\\]\\s+(.*)\\[(\\d+)(?:/(\\d+))?\\]\\s+"
                    + "(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s*$");

    /** One stretch of one task on one CPU, in nanoseconds of the monotonic clock. */
    record Stretch(String comm, long tid, long pid, int cpu, long runnableFrom, long runFrom, long runTo) {}

    /** Time one thread spent waiting for a CPU, or running, inside a window. */
    public record ThreadTime(String comm, long tid, long pid, long nanos) {}

    private final List<Stretch> stretches;
    private final long firstNanos;
    private final long lastNanos;

    private SchedTimeline(List<Stretch> stretches) {
        this.stretches = stretches;
        // Only a line's own time is an event recorded for sure; its run and delay may reach back further.
        this.firstNanos = stretches.stream().mapToLong(Stretch::runTo).min().orElse(Long.MAX_VALUE);
        this.lastNanos = stretches.stream().mapToLong(Stretch::runTo).max().orElse(Long.MIN_VALUE);
    }

    /** Parses timehist output; header, summary and idle lines are skipped. */
    public static SchedTimeline parse(Iterable<String> lines) {
        List<Stretch> out = new ArrayList<>();
        for (String line : lines) {
            Stretch s = parseLine(line);
            if (s != null) {
                out.add(s);
            }
        }
        return new SchedTimeline(out);
    }

    static Stretch parseLine(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        long end = Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)) * 1_000L;
        long tid = Long.parseLong(m.group(5));
        if (tid == 0) {
            return null; // the idle task
        }
        long pid = m.group(6) == null ? tid : Long.parseLong(m.group(6));
        long delay = millisToNanos(m.group(8));
        long run = millisToNanos(m.group(9));
        String comm = m.group(4).strip();
        return new Stretch(comm, tid, pid, Integer.parseInt(m.group(3)), end - run - delay, end - run, end);
    }

    private static long millisToNanos(String ms) {
        return Math.max(0, Math.round(Double.parseDouble(ms) * 1_000_000));
    }

    /** Whether the recording covers {@code [from, to]}: it has events from before and after it. */
    public boolean covers(long from, long to) {
        return firstNanos <= from && lastNanos >= to;
    }

    /** Per thread, the time inside {@code [from, to]} it was runnable but waiting for a CPU; longest first. */
    public List<ThreadTime> waits(long from, long to) {
        return byThread(from, to, true);
    }

    /** Per thread, the time inside {@code [from, to]} it ran on some CPU; longest first. */
    public List<ThreadTime> running(long from, long to) {
        return byThread(from, to, false);
    }

    /** The longest wait for a CPU inside {@code [from, to]} of any thread of {@code pids}, in ns. */
    public long longestWait(long from, long to, Set<Long> pids) {
        return waits(from, to).stream()
                .filter(t -> pids.contains(t.pid()))
                .mapToLong(ThreadTime::nanos)
                .max()
                .orElse(0);
    }

    private List<ThreadTime> byThread(long from, long to, boolean waiting) {
        Map<Long, ThreadTime> sums = new HashMap<>();
        for (Stretch s : stretches) {
            long a = waiting ? s.runnableFrom() : s.runFrom();
            long b = waiting ? s.runFrom() : s.runTo();
            long overlap = Math.min(b, to) - Math.max(a, from);
            if (overlap > 0) {
                sums.merge(
                        s.tid(),
                        new ThreadTime(s.comm(), s.tid(), s.pid(), overlap),
                        (x, y) -> new ThreadTime(x.comm(), x.tid(), x.pid(), x.nanos() + y.nanos()));
            }
        }
        List<ThreadTime> out = new ArrayList<>(sums.values());
        out.sort(Comparator.comparingLong(ThreadTime::nanos).reversed());
        return out;
    }
}
