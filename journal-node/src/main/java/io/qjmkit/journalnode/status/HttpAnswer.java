package io.qjmkit.journalnode.status;

import java.nio.charset.StandardCharsets;

/**
 * A complete HTTP answer before it meets Netty: status code, content type and body. Keeps routing
 * testable without a socket.
 */
record HttpAnswer(int status, String contentType, byte[] body) {
    static final String JSON = "application/json; charset=UTF-8";
    static final String TEXT = "text/plain; charset=UTF-8";

    static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, TEXT, (body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static HttpAnswer json(byte[] body) {
        return new HttpAnswer(200, JSON, body);
    }
}
