/**
 * Turns measurements into the run's artefacts: raw JSON lines (one {@link
 * io.qjmkit.bench.report.Measurement} per line, appended as soon as measured), a Markdown table of
 * median and range per implementation with the ratio ours/Hadoop and the target verdict, and a
 * hand-written SVG chart. Reports are built only from the JSON lines, so they can be regenerated
 * from {@code raw.jsonl} alone.
 */
package io.qjmkit.bench.report;
