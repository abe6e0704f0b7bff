package io.qjmkit.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLoadTest {
    @TempDir
    Path proc;

    @Test
    void stealPercentIsTheShareOfStolenJiffiesBetweenSamples() {
        HostLoad.CpuTimes before = HostLoad.parseCpuLine(List.of("cpu  100 0 50 800 10 0 0 40 0 0", "cpu0 1 2 3"));
        HostLoad.CpuTimes after = HostLoad.parseCpuLine(List.of("cpu  150 0 70 900 10 0 0 60 0 0"));
        assertThat(before.total()).isEqualTo(1000);
        assertThat(after.total()).isEqualTo(1190);
        assertThat(after.stealPercentSince(before))
                .isCloseTo(100.0 * 20 / 190, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void readsLoadAverageAndResidentMemoryFromProc() throws Exception {
        Files.writeString(proc.resolve("loadavg"), "1.25 0.80 0.50 2/300 4242\n");
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/status"), "Name:\tjava\nVmPeak:\t 900 kB\nVmRSS:\t  123456 kB\n");
        HostLoad host = new HostLoad(proc);
        assertThat(host.loadAverage1()).isEqualTo(1.25);
        assertThat(host.residentKib(4242)).isEqualTo(123456);
        assertThat(host.residentKib(1)).isEqualTo(-1);
    }

    @Test
    void missingProcGivesNaNNotAFailure() {
        HostLoad host = new HostLoad(proc.resolve("absent"));
        assertThat(host.loadAverage1()).isNaN();
        assertThat(host.cpuTimes().total()).isZero();
    }

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheNameHasSpacesAndParens() throws Exception {
        String stat = "4242 (Edit log (x) t) S 1 2 3 0 -1 4194304 123 0 0 0 700 55 0 0 20 0 1 0 431613 3133440 417";
        assertThat(HostLoad.parseStatCpuTicks(stat)).isEqualTo(755);
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/stat"), stat + "\n");
        assertThat(new HostLoad(proc).processCpuTicks(4242)).isEqualTo(755);
        assertThat(new HostLoad(proc).processCpuTicks(1)).isZero();
    }
}
