package io.qjmkit.client.sim;

import io.qjmkit.journalnode.storage.SegmentName;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seeded run of three (or, one run in four, five) {@link SimNode}s and a succession of {@link SimWriter}s on a lossy {@link
 * SimNetwork}: writers take over from each other (the old ones keep their requests in flight),
 * nodes crash at random moments and inside fsyncs, and stale requests arrive late. After every step
 * it checks the quorum journal's invariants and fails with the seed that replays the run.
 *
 * <ul>
 *   <li>durability: every acknowledged txid is on stable storage of a majority, with the bytes
 *       that were acknowledged;
 *   <li>agreement: all finalized copies of a txid, on any node, are the same bytes (the
 *       acknowledged ones when it was acknowledged), and a segment is finalized at the same txid
 *       everywhere;
 *   <li>fencing: no txid is acknowledged twice with different bytes, and a flush begun after a
 *       newer writer finished recovery never succeeds;
 *   <li>recovery: a new writer's log ends at or after every acknowledged txid;
 *   <li>reading: what a standby tailing or reading the manifests of a random majority takes as
 *       durable is the acknowledged op, or one a majority holds ({@link SimReaders}).
 * </ul>
 */
final class QuorumSimulation {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumSimulation.class);

    /** What one run did, so the caller can check the faults were really exercised. */
    record Stats(
            int acked,
            int recoveries,
            int failedWriters,
            int crashes,
            int powerCuts,
            long delivered,
            long tailedOps,
            long selectedOps) {}

    private final long seed;
    private final Random rnd;
    private final SimNetwork network;
    private final List<SimNode> nodes = new ArrayList<>();
    private final int majority;
    private final List<SimWriter> writers = new ArrayList<>();
    private final Map<Long, byte[]> acked = new TreeMap<>();
    private int powerCutPermille;
    private long newestRecoveredEpoch;
    private int recoveries;
    private int failedWriters;
    private int crashes;
    private int powerCuts;
    private final SimReaders readers;
    private String lastAction = "start";

    QuorumSimulation(long seed, Path dir) throws IOException {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.network = new SimNetwork(rnd, 1 + rnd.nextInt(12));
        int count = rnd.nextInt(4) == 0 ? 5 : 3;
        this.majority = count / 2 + 1;
        for (int i = 0; i < count; i++) {
            SimNode n = new SimNode(i, dir.resolve("jn" + i), network::fetch, this::powerCut, rnd);
            n.start();
            network.add(n);
            nodes.add(n);
            Message m = n.answer(new Requests.Format(SimWriter.JOURNAL, SimWriter.NAMESPACE, false));
            check(!(m instanceof Responses.Failure), "format failed on " + n + ": " + m);
        }
        powerCutPermille = 5;
        this.readers = new SimReaders(nodes, majority, rnd, acked, this::check);
    }

    private boolean powerCut() {
        boolean cut = rnd.nextInt(1000) < powerCutPermille;
        powerCuts += cut ? 1 : 0;
        return cut;
    }

    /** Runs {@code steps} random steps, then heals everything and checks a last writer's view. */
    Stats run(int steps) throws IOException {
        for (int step = 0; step < steps; step++) {
            int action = rnd.nextInt(100);
            SimWriter w = pickWriter();
            if (action < 8 || (w == null && action < 40)) {
                newWriter();
            } else if (action < 60) {
                if (w != null) {
                    write(w, 1 + rnd.nextInt(4));
                }
            } else if (action < 66) {
                if (w != null) {
                    roll(w);
                }
            } else if (action < 71) {
                crashNode();
            } else if (action < 86) {
                restartNode();
            } else {
                lastAction = "deliver a request in flight";
                network.step();
            }
            checkInvariants(step);
        }
        heal();
        return new Stats(
                acked.size(),
                recoveries,
                failedWriters,
                crashes,
                powerCuts,
                network.delivered(),
                readers.tailedOps(),
                readers.selectedOps());
    }

    /** A writer still able to write: mostly the newest, sometimes an older one. */
    private SimWriter pickWriter() {
        List<SimWriter> live =
                writers.stream().filter(SimWriter::hasOpenSegment).toList();
        if (live.isEmpty()) {
            return null;
        }
        return rnd.nextInt(4) == 0 ? live.get(rnd.nextInt(live.size())) : live.get(live.size() - 1);
    }

    private void newWriter() throws IOException {
        SimWriter w = new SimWriter(writers.size(), network);
        writers.add(w);
        lastAction = "new writer " + writers.size();
        long end;
        try {
            end = w.becomeWriter();
        } catch (IOException e) {
            // Unavailability may stop a recovery; its own safety checks must never fire.
            check(!String.valueOf(e.getMessage()).contains("cannot recover segment"), w + " " + e.getMessage());
            failed(w, e);
            return;
        }
        recoveries++;
        newestRecoveredEpoch = Math.max(newestRecoveredEpoch, w.epoch());
        long maxAcked = acked.isEmpty() ? 0 : ((TreeMap<Long, byte[]>) acked).lastKey();
        check(end >= maxAcked, w + " recovered a log ending at txid " + end + ", but txid " + maxAcked + " was acked");
        try {
            w.startSegment();
        } catch (IOException e) {
            failed(w, e);
        }
    }

    private void failed(SimWriter w, IOException e) {
        failedWriters++;
        LOG.debug("seed {}: {} failed at '{}': {}", seed, w, lastAction, e.getMessage());
    }

    private void write(SimWriter w, int count) throws IOException {
        lastAction = w + " writes " + count + " txns";
        long newerBefore = newestRecoveredEpoch;
        Map<Long, byte[]> ops;
        try {
            ops = w.write(count);
        } catch (IOException e) {
            failed(w, e);
            return;
        }
        check(
                newerBefore <= w.epoch(),
                w + " got a majority to ack txids " + ops.keySet() + " after epoch " + newerBefore + " recovered");
        for (Map.Entry<Long, byte[]> e : ops.entrySet()) {
            byte[] before = acked.putIfAbsent(e.getKey(), e.getValue());
            check(
                    before == null || Arrays.equals(before, e.getValue()),
                    "txid " + e.getKey() + " acked twice with different content (second time by " + w + ")");
        }
    }

    private void roll(SimWriter w) throws IOException {
        lastAction = w + " rolls its segment";
        try {
            w.roll();
        } catch (IOException e) {
            failed(w, e);
        }
    }

    private void crashNode() throws IOException {
        List<SimNode> up = nodes.stream().filter(SimNode::isUp).toList();
        if (!up.isEmpty()) {
            SimNode n = up.get(rnd.nextInt(up.size()));
            lastAction = "crash " + n;
            n.crash();
            crashes++;
        }
    }

    private void restartNode() throws IOException {
        List<SimNode> down = nodes.stream().filter(n -> !n.isUp()).toList();
        if (!down.isEmpty()) {
            SimNode n = down.get(rnd.nextInt(down.size()));
            lastAction = "restart " + n;
            n.start();
        }
    }

    /** No more faults: every node back, every stale request delivered, one last writer recovers. */
    private void heal() throws IOException {
        powerCutPermille = 0;
        network.setLossPercent(0);
        for (SimNode n : nodes) {
            if (!n.isUp()) {
                n.start();
            }
        }
        while (network.step()) {
            checkInvariants(-1);
        }
        SimWriter last = new SimWriter(writers.size(), network);
        writers.add(last);
        lastAction = "final " + last;
        try {
            last.becomeWriter();
        } catch (IOException e) {
            throw new AssertionError(failure("the final writer could not recover with every node up: " + e), e);
        }
        long maxAcked = acked.isEmpty() ? 0 : ((TreeMap<Long, byte[]>) acked).lastKey();
        checkInvariants(-1);
        check(last.epoch() > 0, "the final writer holds no epoch");
        check(
                maxAcked == 0 || nodes.stream().anyMatch(n -> holdsFinalized(n, maxAcked)),
                "acked txid " + maxAcked + " is in no finalized segment after the final recovery");
    }

    private boolean holdsFinalized(SimNode n, long txId) {
        try {
            List<SimNode.Copy> copies = n.durableOps(SimWriter.JOURNAL).get(txId);
            return copies != null && copies.stream().anyMatch(SimNode.Copy::finalized);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkInvariants(int step) throws IOException {
        List<Map<Long, List<SimNode.Copy>>> views = new ArrayList<>();
        for (SimNode n : nodes) {
            views.add(n.durableOps(SimWriter.JOURNAL));
        }
        for (Map.Entry<Long, byte[]> e : acked.entrySet()) {
            int holders = SimReaders.holders(views, e.getKey(), e.getValue());
            check(
                    holders >= majority,
                    "step " + step + ": acked txid " + e.getKey() + " is durable on only " + holders + " nodes");
        }
        readers.check(step, views);
        Map<Long, Long> segmentEnds = new TreeMap<>();
        for (SimNode n : nodes) {
            for (SegmentName seg : n.finalizedSegments(SimWriter.JOURNAL)) {
                Long end = segmentEnds.putIfAbsent(seg.startTxId(), seg.endTxId());
                check(
                        end == null || end == seg.endTxId(),
                        "step " + step + ": segment " + seg.startTxId() + " is finalized at txid " + seg.endTxId()
                                + " on " + n + " but at " + end + " elsewhere");
            }
        }
        Map<Long, byte[]> decided = new TreeMap<>();
        for (int i = 0; i < views.size(); i++) {
            for (Map.Entry<Long, List<SimNode.Copy>> e : views.get(i).entrySet()) {
                for (SimNode.Copy c : e.getValue()) {
                    if (!c.finalized()) {
                        continue;
                    }
                    byte[] other = decided.putIfAbsent(e.getKey(), c.bytes());
                    check(
                            other == null || Arrays.equals(other, c.bytes()),
                            "step " + step + ": txid " + e.getKey() + " is finalized with different content on "
                                    + nodes.get(i) + " than elsewhere");
                    byte[] ack = acked.get(e.getKey());
                    check(
                            ack == null || Arrays.equals(ack, c.bytes()),
                            "step " + step + ": acked txid " + e.getKey() + " is finalized with other content on "
                                    + nodes.get(i));
                }
            }
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(failure(what));
        }
    }

    private String failure(String what) {
        return what + " (last action: " + lastAction + "; nodes " + nodes + "; seed " + seed
                + ", replay with -Dqjmkit.seed=" + seed + ")";
    }
}
