package io.qjmkit.protocol.message;

/** A message a client sends; every request names the journal it is for. */
public interface Request extends Message {
    String journalId();
}
