package io.qjmkit.journalnode.server;

import io.qjmkit.journalnode.journal.Journal;
import io.qjmkit.journalnode.sync.PeerProbe;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Message;
import io.qjmkit.protocol.message.MessageType;
import io.qjmkit.protocol.message.Request;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each request type to the journal call that serves it, with no transport of its own. In the
 * server it runs on the thread the dispatcher chose: the journal's lane for mutations (or the I/O
 * thread for an append while the lane is idle), the read pool for reads. Simulation tests call
 * {@link #answer} directly to run the whole quorum in one thread.
 */
public final class RequestHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandlers.class);

    private final JournalRegistry registry;
    private final PeerProbe peers;

    public RequestHandlers(JournalRegistry registry, PeerProbe peers) {
        this.registry = registry;
        this.peers = peers;
    }

    /** True for calls that only read and may run beside the journal's writes. */
    static boolean isRead(MessageType type) {
        return type == MessageType.READ_EDITS
                || type == MessageType.GET_MANIFEST
                || type == MessageType.IS_FORMATTED
                || type == MessageType.TAIL_EDITS;
    }

    /**
     * The answer the node sends for {@code request}: the handler's answer, or the {@link
     * Responses.Failure} its exception maps to on the wire.
     */
    public Message answer(Request request) {
        try {
            return handle(request);
        } catch (IOException | RuntimeException e) {
            return FailureMapper.toFailure(request.type(), request.journalId(), e);
        }
    }

    Message handle(Request request) throws IOException {
        switch (request.type()) {
            case IS_FORMATTED: {
                JournalRegistry.Lane lane = registry.find(request.journalId());
                return new Responses.Bool(lane != null && lane.journal().isFormatted());
            }
            case FORMAT: {
                Requests.Format r = (Requests.Format) request;
                registry.lane(r.journalId(), true).journal().format(r.namespace(), r.force());
                return new Responses.Empty(MessageType.FORMAT);
            }
            case NEW_EPOCH:
                rejoinIfPeersHoldIt((Requests.NewEpoch) request);
                return handleFormatted(journal(request), request);
            default:
                return handleFormatted(journal(request), request);
        }
    }

    /**
     * A writer takes a new epoch on a journal this node lacks (it was wiped or replaced): if a
     * peer holds the journal, format it here with the writer's namespace so the node rejoins;
     * peer sync then copies the finalized history.
     */
    private void rejoinIfPeersHoldIt(Requests.NewEpoch r) throws IOException {
        JournalRegistry.Lane lane = registry.find(r.journalId());
        if (lane != null && lane.journal().isFormatted()) {
            return;
        }
        if (peers.anyPeerFormatted(r.journalId())) {
            LOG.warn(
                    "[{}] journal missing here but held by a peer: formatting it for {} to rejoin (epoch {})",
                    r.journalId(),
                    r.namespace(),
                    r.epoch());
            Journal j = registry.lane(r.journalId(), true).journal();
            if (!j.isFormatted()) {
                j.format(r.namespace(), false);
            }
        }
    }

    private static Message handleFormatted(Journal j, Request request) throws IOException {
        switch (request.type()) {
            case GET_JOURNAL_STATE:
                return j.journalState();
            case NEW_EPOCH: {
                Requests.NewEpoch r = (Requests.NewEpoch) request;
                return j.newEpoch(r.namespace(), r.epoch());
            }
            case START_SEGMENT: {
                Requests.StartSegment r = (Requests.StartSegment) request;
                j.startSegment(r.info(), r.txId(), r.layoutVersion());
                return new Responses.Empty(MessageType.START_SEGMENT);
            }
            case JOURNAL:
                return j.journal((Requests.Journal) request);
            case HEARTBEAT:
                j.heartbeat(((Requests.Heartbeat) request).info());
                return new Responses.Empty(MessageType.HEARTBEAT);
            case FINALIZE_SEGMENT: {
                Requests.FinalizeSegment r = (Requests.FinalizeSegment) request;
                j.finalizeSegment(r.info(), r.startTxId(), r.endTxId());
                return new Responses.Empty(MessageType.FINALIZE_SEGMENT);
            }
            case GET_MANIFEST: {
                Requests.GetManifest r = (Requests.GetManifest) request;
                return j.manifest(r.sinceTxId(), r.inProgressOk());
            }
            case READ_EDITS:
                return j.readEdits((Requests.ReadEdits) request);
            case PREPARE_RECOVERY: {
                Requests.PrepareRecovery r = (Requests.PrepareRecovery) request;
                return j.prepareRecovery(r.info(), r.segmentTxId());
            }
            case ACCEPT_RECOVERY: {
                Requests.AcceptRecovery r = (Requests.AcceptRecovery) request;
                j.acceptRecovery(r.info(), r.segment(), r.sourceAddress(), r.sourceEpoch());
                return new Responses.Empty(MessageType.ACCEPT_RECOVERY);
            }
            case PURGE: {
                Requests.Purge r = (Requests.Purge) request;
                j.purge(r.info(), r.minTxIdToKeep());
                return new Responses.Empty(MessageType.PURGE);
            }
            case DISCARD_SEGMENTS:
                j.discardSegments(((Requests.DiscardSegments) request).startTxId());
                return new Responses.Empty(MessageType.DISCARD_SEGMENTS);
            case UPGRADE:
                return new Responses.Value(j.upgrade((Requests.Upgrade) request));
            default:
                throw new JournalException(ErrorCode.INVALID, "unsupported request " + request.type());
        }
    }

    Journal journal(Request request) throws IOException {
        JournalRegistry.Lane lane = registry.find(request.journalId());
        if (lane == null) {
            throw new JournalException(
                    ErrorCode.NOT_FORMATTED,
                    "journal " + request.journalId() + " does not exist on this JournalNode; format it with"
                            + " 'hdfs namenode -format' or 'hdfs namenode -initializeSharedEdits'");
        }
        return lane.journal();
    }
}
