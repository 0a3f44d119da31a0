package dev.ollamamax.server.nodes;

import java.io.IOException;

/**
 * A node's answer could not be used: not HTTP, cut, too large. The message is always the gateway's own
 * words and never contains bytes the node sent, so it may be shown to any client.
 */
class NodeReplyException extends IOException {

    private final boolean limit;

    NodeReplyException(String message) {
        this(message, false);
    }

    private NodeReplyException(String message, boolean limit) {
        super(message);
        this.limit = limit;
    }

    /** Whether a limit of {@link NodeLimits} was broken (rather than the answer being cut or malformed). */
    boolean isLimit() {
        return limit;
    }

    /** A node that answered something other than HTTP (another service on that port). */
    static NodeReplyException notOllama() {
        return new NodeReplyException("not an Ollama server (unexpected reply)");
    }

    /** A limit of {@link NodeLimits} was broken. */
    static NodeReplyException limit(String what, long limit, String setting) {
        return new NodeReplyException("the node sent " + what + " than the limit of " + limit + " (" + setting + ")", true);
    }
}
