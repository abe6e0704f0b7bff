package io.qjmkit.bench.report;

import static io.qjmkit.bench.report.JsonLinesTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qjmkit.bench.report.Measurement.FigureKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportRenderingTest {
    @TempDir
    Path dir;

    private static final FigureKey P50 = new FigureKey("journal write, batch 1", "flush p50");
    private static final FigureKey TPUT = new FigureKey("NameNode mkdirs, 1 client thread", "throughput");
    private static final FigureKey LAG = new FigureKey("standby lag, idle", "lag max");

    private static Measurement rate(String impl, int rep, double v) {
        return new Measurement(impl, rep, TPUT.scenario(), TPUT.metric(), "ops/s", "higher", v, 1.0, 0.0, "t");
    }

    private static List<Measurement> twoReps() {
        return List.of(
                sample("qjm-kit", 1, P50.scenario(), P50.metric(), 0.2),
                sample("hadoop", 1, P50.scenario(), P50.metric(), 0.6),
                sample("qjm-kit", 2, P50.scenario(), P50.metric(), 0.4),
                sample("hadoop", 2, P50.scenario(), P50.metric(), 1.0),
                rate("qjm-kit", 1, 1000),
                rate("hadoop", 1, 1000),
                sample("qjm-kit", 1, LAG.scenario(), LAG.metric(), 1.0),
                sample("qjm-kit", 2, LAG.scenario(), LAG.metric(), 3.0),
                sample("hadoop", 1, LAG.scenario(), LAG.metric(), 9.0),
                sample("qjm-kit", 1, "untargeted", "m", 1.0),
                sample("hadoop", 1, "untargeted", "m", 1.0),
                sample("disk", 1, "disk floor", "fdatasync p50", 0.1),
                sample("disk", 1, "disk floor", "majority of 3 fdatasyncs p50", 0.15),
                sample("disk", 2, "disk floor", "majority of 3 fdatasyncs p50", 0.25));
    }

    private static final Map<FigureKey, Target> TARGETS = Map.of(
            P50, Target.ratioAtMost(0.5),
            TPUT, Target.ratioAtLeast(1.3),
            LAG, Target.absoluteAtMost(2.0, "ms"));

    @Test
    void comparesMediansAndJudgesTargets() {
        List<Comparison.Row> rows = Comparison.rows(twoReps(), TARGETS::get);
        assertThat(rows)
                .extracting(Comparison.Row::key)
                .containsExactly(P50, TPUT, LAG, new FigureKey("untargeted", "m"));
        assertThat(rows.get(3).met()).isEmpty();

        Comparison.Row p50 = rows.get(0);
        assertThat(p50.ours().median()).isCloseTo(0.3, within(1e-12));
        assertThat(p50.hadoop().median()).isCloseTo(0.8, within(1e-12));
        assertThat(p50.ratio()).isCloseTo(0.375, within(1e-12));
        assertThat(p50.advantage()).isCloseTo(2.6667, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(p50.met()).contains(true);

        assertThat(rows.get(1).ratio()).isEqualTo(1.0);
        assertThat(rows.get(1).met()).contains(false);
        // absolute target: judged on our worst repetition (3.0 ms), not the median (2.0 ms)
        assertThat(rows.get(2).met()).contains(false);
    }

    @Test
    void markdownShowsMedianRangeRatioAndVerdict() {
        String md = MarkdownTable.render(Comparison.rows(twoReps(), TARGETS::get));
        List<String> lines = md.lines().toList();
        assertThat(lines).hasSize(2 + 4);
        assertThat(lines.get(0)).startsWith("| scenario | metric | qjm-kit median (range)");
        assertThat(lines.get(2))
                .isEqualTo("| journal write, batch 1 | flush p50 ↓ | 0.300 (0.200–0.400) ms | 0.800 (0.600–1.00) ms"
                        + " | 0.375× | ratio <= 0.5 | yes | 1.50 | 0.3 |");
        assertThat(lines.get(3)).contains("| 1000 (1000–1000) ops/s |").contains("| **no** |");
        for (String line : lines) {
            assertThat(line.chars().filter(c -> c == '|').count()).as(line).isEqualTo(10);
        }
    }

    @Test
    void svgIsWellFormedAndHasOneBarPerFigureWithATarget() throws Exception {
        String svg = SvgChart.render(Comparison.rows(twoReps(), TARGETS::get), "run <1> & co");
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        // background + one bar per row
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + 3);
        assertThat(svg)
                .contains("run &lt;1&gt; &amp; co")
                .contains("#2e9d4a")
                .contains("#d33c32")
                .doesNotContain("untargeted");
    }

    @Test
    void barsAreCenteredOnOneTimesAndClippedAtTheScaleEnds() {
        double one = SvgChart.x(1.0);
        assertThat(SvgChart.x(2.0) - one).isCloseTo(one - SvgChart.x(0.5), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SvgChart.x(1000)).isEqualTo(SvgChart.x(8));
        assertThat(SvgChart.x(0.001)).isEqualTo(SvgChart.x(0.125));
    }

    @Test
    void reportFilesAreRegeneratedFromRawLinesAlone() throws Exception {
        try (RawLog log = new RawLog(dir.resolve("raw.jsonl"))) {
            for (Measurement m : twoReps()) {
                log.append(m);
            }
        }
        RunReport.write(dir, "context line\nmore", TARGETS::get, P50);
        String md = Files.readString(dir.resolve("table.md"));
        assertThat(md)
                .contains("context line")
                .contains("| journal write, batch 1 |")
                .contains("Disk floor: one fdatasync")
                .contains("qjm-kit batch-1 flush p50 = 3.00× the floor")
                .contains("hadoop batch-1 flush p50 = 8.00× the floor")
                .contains("Majority floor")
                .contains("qjm-kit batch-1 flush p50 = 1.50× the majority floor")
                .contains("hadoop batch-1 flush p50 = 4.00× the majority floor")
                .doesNotContain("| disk floor |");
        assertThat(Files.readString(dir.resolve("chart.svg")))
                .startsWith("<svg")
                .contains("context line");
    }
}
