/**
 * Framing of protocol messages for Netty: a 4-byte length, a kind byte (request, response,
 * failure), the message type, a call id that pairs a response with its request, then the body.
 * Edits travel as raw bytes inside the body; nothing here is text or JSON.
 */
package io.qjmkit.protocol.codec;
