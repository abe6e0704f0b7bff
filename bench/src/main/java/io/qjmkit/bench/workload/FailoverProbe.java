package io.qjmkit.bench.workload;

import io.qjmkit.bench.cluster.JournalKind;
import java.nio.file.Path;
import java.util.List;

/**
 * Extension point for the failover scenarios of DESIGN.md section 8 (kill of the active NameNode
 * process to the first successful client write, and the longest gap a continuously writing client
 * sees). They need separate NameNode processes and a failover controller per side (qjm-kit's
 * {@code zkfc} vs Hadoop's {@code DFSZKFailoverController}), which are being written now. An
 * implementation is handed to {@code BenchRun}; until then the run records that the scenario was
 * skipped.
 */
public interface FailoverProbe {
    /** Scenario name used in the results. */
    String scenario();

    /**
     * Runs the failover scenario for {@code kind} against journal nodes at {@code sharedEdits},
     * starting and killing its own NameNode and controller processes under {@code workDir}.
     */
    List<Figure> measure(JournalKind kind, java.net.URI sharedEdits, Path workDir) throws Exception;
}
