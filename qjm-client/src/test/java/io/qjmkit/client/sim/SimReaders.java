package io.qjmkit.client.sim;

import io.qjmkit.client.read.StreamSelector;
import io.qjmkit.client.read.TailChoice;
import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The two ways a standby reads, run against the nodes of a {@link QuorumSimulation} after every
 * step: tailing the newest open segment ({@link TailChoice}) and catching up through manifests
 * ({@link StreamSelector#readable}), each from a random majority of the running nodes. Every op a
 * reader may take as durable must be the acknowledged one or, if it was not acknowledged, one a
 * majority holds (so that any recovery keeps it).
 */
final class SimReaders {
    /** The durable ops of each node, by txid, as the simulation scanned them this step. */
    private List<Map<Long, List<SimNode.Copy>>> views;

    private final List<SimNode> nodes;
    private final int majority;
    private final Random rnd;
    private final Map<Long, byte[]> acked;
    private final BiConsumer<Boolean, String> check;
    private long tailedOps;
    private long selectedOps;

    /** Readers of {@code nodes}; {@code check} fails the run with the message when given false. */
    SimReaders(
            List<SimNode> nodes, int majority, Random rnd, Map<Long, byte[]> acked, BiConsumer<Boolean, String> check) {
        this.nodes = nodes;
        this.majority = majority;
        this.rnd = rnd;
        this.acked = acked;
        this.check = check;
    }

    long tailedOps() {
        return tailedOps;
    }

    long selectedOps() {
        return selectedOps;
    }

    /** Runs both readers against the nodes as they are now; {@code views} are the nodes' durable ops. */
    void check(int step, List<Map<Long, List<SimNode.Copy>>> durable) throws IOException {
        this.views = durable;
        List<SimNode> asked = randomMajority();
        if (asked != null) {
            tail(step, asked);
        }
        asked = randomMajority();
        if (asked != null) {
            select(step, asked);
        }
    }

    /** How many nodes hold {@code op} as txid {@code txId}. */
    static int holders(List<Map<Long, List<SimNode.Copy>>> views, long txId, byte[] op) {
        int holders = 0;
        for (Map<Long, List<SimNode.Copy>> v : views) {
            List<SimNode.Copy> copies = v.get(txId);
            if (copies != null && copies.stream().anyMatch(c -> Arrays.equals(c.bytes(), op))) {
                holders++;
            }
        }
        return holders;
    }

    private List<SimNode> randomMajority() {
        List<SimNode> up = new ArrayList<>(nodes.stream().filter(SimNode::isUp).toList());
        if (up.size() < majority) {
            return null;
        }
        Collections.shuffle(up, rnd);
        return up.subList(0, majority + rnd.nextInt(up.size() - majority + 1));
    }

    /** A tailing read from the start of the newest open segment among {@code asked}. */
    private void tail(int step, List<SimNode> asked) throws IOException {
        long from = -1;
        for (SimNode n : asked) {
            SegmentInfo open = n.journal(SimWriter.JOURNAL).journalState().currentSegment();
            if (open != null && open.inProgress()) {
                from = Math.max(from, open.startTxId());
            }
        }
        if (from < 1) {
            return;
        }
        List<TailChoice.Answer<SimNode>> answers = new ArrayList<>();
        for (SimNode n : asked) {
            Journal j = n.journal(SimWriter.JOURNAL);
            Requests.TailEdits read = new Requests.TailEdits(SimWriter.JOURNAL, from, 1 << 20, 0);
            Responses.Tail t = j.tail(read);
            if (t != null && !t.served()) {
                return; // the reader goes to the manifests, as TailSelector does
            }
            answers.add(new TailChoice.Answer<>(n, t != null ? t : j.tailNothingNew(read)));
        }
        TailChoice<SimNode> choice = TailChoice.of(answers, majority, from);
        if (choice == null) {
            return;
        }
        Responses.Tail t = choice.answer();
        OpFraming.scan(ByteBuffer.wrap(t.ops()), t.firstTxId(), (txId, offset, length) -> {
            if (txId <= choice.durableEnd()) {
                tailedOps++;
                checkOp(
                        Arrays.copyOfRange(t.ops(), offset, offset + length),
                        txId,
                        "step " + step
                                + ": a tailing reader of " + asked + " took txid " + txId + " from " + choice.node()
                                + " as durable (up to " + choice.durableEnd() + ")");
            }
        });
    }

    /** A catching-up read through the manifests of {@code asked}, from near the newest segment. */
    private void select(int step, List<SimNode> asked) throws IOException {
        long newest = 0;
        for (SimNode n : asked) {
            for (SegmentInfo seg :
                    n.journal(SimWriter.JOURNAL).manifest(1, true).segments()) {
                newest = Math.max(newest, seg.startTxId());
            }
        }
        long from = Math.max(1, newest - rnd.nextInt(3));
        Map<SimNode, Responses.Manifest> manifests = new LinkedHashMap<>();
        for (SimNode n : asked) {
            manifests.put(n, n.journal(SimWriter.JOURNAL).manifest(from, true));
        }
        for (StreamSelector.Readable<SimNode> r : StreamSelector.readable(manifests, majority, from, true, true)) {
            Responses.Edits e = r.node()
                    .journal(SimWriter.JOURNAL)
                    .readEdits(new Requests.ReadEdits(
                            SimWriter.JOURNAL, r.segment().startTxId(), r.fetchFrom(), r.end(), 1 << 20));
            OpFraming.scan(ByteBuffer.wrap(e.ops()), e.firstTxId(), (txId, offset, length) -> {
                selectedOps++;
                checkOp(
                        Arrays.copyOfRange(e.ops(), offset, offset + length),
                        txId,
                        "step " + step
                                + ": a reader of the manifests of " + asked + " may read txid " + txId + " from "
                                + r.node() + "'s copy " + r.segment());
            });
        }
    }

    private void checkOp(byte[] op, long txId, String what) {
        byte[] ack = acked.get(txId);
        if (ack != null) {
            check.accept(Arrays.equals(ack, op), what + ", but it differs from the acked op");
        } else {
            check.accept(holders(views, txId, op) >= majority, what + ", but no majority holds that op");
        }
    }
}
