package dev.ollamamax.server.cache;

/** The whole answer of a non-streamed generation as the node sent it (one JSON line), and which node sent it. */
public record WholeAnswer(byte[] line, String node, boolean cached) {
}
