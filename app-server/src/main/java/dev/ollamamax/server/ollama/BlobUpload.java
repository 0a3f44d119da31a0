package dev.ollamamax.server.ollama;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeClient;
import dev.ollamamax.server.nodes.NodeErrorText;
import dev.ollamamax.server.nodes.NodeResponse;
import dev.ollamamax.server.nodes.NodesFeature;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * {@code POST /api/blobs/:digest}: the client's body streamed to one node ({@code ?node=<id>}, else the
 * least busy healthy node) as it arrives, 64 KiB at a time, never held whole. The gateway checks the
 * SHA-256 itself and holds back the last piece until it has: a body whose digest does not match never
 * reaches the node complete (the connection is dropped, the node discards it) and the client gets a 400.
 * The node's answer (201 created, 200 already there) is passed on with {@code X-OllamaMax-Node}.
 */
final class BlobUpload {

    private static final int PIECE = 64 * 1024;
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private final ObjectMapper json;
    private final NodesFeature nodes;
    private final ModelAuthoring authoring;

    BlobUpload(ObjectMapper json, NodesFeature nodes, ModelAuthoring authoring) {
        this.json = json;
        this.nodes = nodes;
        this.authoring = authoring;
    }

    void handle(ServerRequest req, ServerResponse res, String digest) throws Exception {
        Node node = req.query().first("node").map(authoring::node)
                .orElseGet(() -> ModelAuthoring.leastBusy(authoring.routable())
                        .orElseThrow(() -> new GatewayException(ErrorKind.NO_HEALTHY_NODE, "No healthy Ollama node to upload to")));
        long length = req.headers().contentLength().orElse(-1);
        NodeResponse<byte[]> answer;
        try (InputStream in = req.content().inputStream()) {
            answer = nodes.client().upload(node.url(), "POST", "/api/blobs/" + digest, "application/octet-stream", length,
                    out -> copyVerified(in, out, digest), ANSWER_TIMEOUT);
        } catch (DigestMismatch e) {
            throw GatewayException.badRequest("digest mismatch: the body's SHA-256 is " + e.actual + ", not " + digest
                    + "; nothing was stored", "digest");
        } catch (IOException e) {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Uploading the blob to node " + node.id() + " failed: "
                    + NodeClient.describe(e));
        }
        res.header(HeaderNames.create("X-OllamaMax-Node"), node.id());
        if (answer.statusCode() >= 400) {
            throw new GatewayException(answer.statusCode() == 400 ? ErrorKind.BAD_REQUEST : ErrorKind.UPSTREAM_ERROR,
                    "Node " + node.id() + ": " + NodeErrorText.of(json, answer.statusCode(), answer.body()));
        }
        res.status(answer.statusCode());
        res.send(answer.body());
    }

    /** Copies {@code in} to {@code out}, writing the last piece only once the whole body's digest matched. */
    private static void copyVerified(InputStream in, OutputStream out, String digest)
            throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] held = new byte[PIECE];
        int heldLength = 0;
        byte[] next = new byte[PIECE];
        int n;
        while ((n = in.readNBytes(next, 0, PIECE)) > 0) {
            sha.update(next, 0, n);
            out.write(held, 0, heldLength);
            byte[] swap = held;
            held = next;
            next = swap;
            heldLength = n;
        }
        String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(digest)) {
            throw new DigestMismatch(actual);
        }
        out.write(held, 0, heldLength);
    }

    /** The body's digest differs from the one in the path. */
    static final class DigestMismatch extends IOException {
        final String actual;

        DigestMismatch(String actual) {
            super("digest mismatch");
            this.actual = actual;
        }
    }
}
