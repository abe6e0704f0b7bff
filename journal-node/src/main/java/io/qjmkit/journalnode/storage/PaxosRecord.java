package io.qjmkit.journalnode.storage;

import io.qjmkit.protocol.message.SegmentInfo;
import java.util.Properties;

/**
 * The durable record that this JournalNode accepted {@code segment} as the recovered value of
 * its segment in epoch {@code acceptedInEpoch}: the commit point of Paxos phase 2.
 */
public record PaxosRecord(SegmentInfo segment, long acceptedInEpoch) {

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("startTxId", Long.toString(segment.startTxId()));
        p.setProperty("endTxId", Long.toString(segment.endTxId()));
        p.setProperty("inProgress", Boolean.toString(segment.inProgress()));
        p.setProperty("acceptedInEpoch", Long.toString(acceptedInEpoch));
        return p;
    }

    static PaxosRecord fromProperties(Properties p) {
        return new PaxosRecord(
                new SegmentInfo(
                        Long.parseLong(p.getProperty("startTxId")),
                        Long.parseLong(p.getProperty("endTxId")),
                        Boolean.parseBoolean(p.getProperty("inProgress"))),
                Long.parseLong(p.getProperty("acceptedInEpoch")));
    }
}
