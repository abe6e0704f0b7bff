package io.qjmkit.bench.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's load while a figure was measured: the 1-minute load average and the share of CPU
 * time stolen by the hypervisor, from {@code /proc/loadavg} and the {@code cpu} line of {@code
 * /proc/stat}. On a shared 2-core machine these say how much a figure can be trusted. Where /proc
 * is missing the values are NaN rather than a failure.
 */
public final class HostLoad {
    private final Path proc;

    public HostLoad(Path proc) {
        this.proc = proc;
    }

    public static HostLoad system() {
        return new HostLoad(Path.of("/proc"));
    }

    /** CPU jiffies since boot: total and stolen. */
    public record CpuTimes(long total, long steal) {
        /** Percentage of CPU time stolen between {@code earlier} and this sample. */
        public double stealPercentSince(CpuTimes earlier) {
            long dt = total - earlier.total;
            return dt <= 0 ? 0.0 : 100.0 * (steal - earlier.steal) / dt;
        }
    }

    public CpuTimes cpuTimes() {
        try {
            return parseCpuLine(Files.readAllLines(proc.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return new CpuTimes(0, 0);
        }
    }

    public double loadAverage1() {
        try {
            return Double.parseDouble(
                    Files.readString(proc.resolve("loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Parses the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal ... */
    static CpuTimes parseCpuLine(List<String> statLines) {
        for (String line : statLines) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long total = 0;
                // Fields 1..8 (user..steal); guest time is already counted in user.
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                return new CpuTimes(total, steal);
            }
        }
        throw new IllegalArgumentException("no 'cpu ' line in /proc/stat");
    }

    /** Clock ticks per second of /proc CPU times (USER_HZ, 100 on Linux for x86 and arm64). */
    public static final double TICKS_PER_SECOND = 100.0;

    /** User + system CPU ticks a process has used (/proc/PID/stat), or 0 if unknown. */
    public long processCpuTicks(long pid) {
        return cpuTicksOf(proc.resolve(Long.toString(pid)).resolve("stat"));
    }

    /** User + system CPU ticks used by this JVM's threads whose (15-char) name starts with {@code prefix}. */
    public long ownThreadCpuTicks(String prefix) {
        long sum = 0;
        try (var tasks = Files.list(proc.resolve("self").resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        sum += cpuTicksOf(task.resolve("stat"));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return sum;
    }

    private static long cpuTicksOf(Path stat) {
        try {
            return parseStatCpuTicks(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime (fields 14 and 15) of a /proc stat line; the name field may hold spaces. */
    static long parseStatCpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14 -> f[11], stime field 15 -> f[12]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Resident memory of a process in KiB (VmRSS of /proc/PID/status), or -1 if unknown. */
    public long residentKib(long pid) {
        try {
            for (String line :
                    Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
