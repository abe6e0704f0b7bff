/**
 * Framing of protocol messages for Netty. A connection opens with each end's {@link
 * io.qjmkit.protocol.codec.WirePreamble} (magic and wire version); every frame after it is a
 * 4-byte length, a kind byte (request, response, failure), the message type, a call id that pairs
 * a response with its request, then the body. Edits travel as raw bytes inside the body; nothing
 * here is text or JSON.
 */
package io.qjmkit.protocol.codec;
