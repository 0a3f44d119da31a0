package dev.ollamamax.server.chat;

import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.FrameCodec;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A plain {@code java.net.http} WebSocket for protocol tests: records every server frame in order. */
final class TestWs implements WebSocket.Listener, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final FrameCodec codec = new FrameCodec();
    private final LinkedBlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
    private final List<ServerFrame> seen = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    final AtomicInteger pings = new AtomicInteger();
    volatile String closed;
    private final WebSocket socket;

    private TestWs(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(b::header);
        this.socket = b.buildAsync(uri, this).join();
    }

    static TestWs connect(int port) {
        return connect(URI.create("ws://127.0.0.1:" + port + "/chat"), Map.of());
    }

    static TestWs connect(URI uri, Map<String, String> headers) {
        return new TestWs(uri, headers);
    }

    TestWs send(ClientFrame frame) {
        return sendText(codec.write(frame));
    }

    TestWs sendText(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    /** Sends one message as several fragments (continuation frames). */
    TestWs sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
        return this;
    }

    TestWs sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next frame, whatever it is. */
    ServerFrame next() {
        return next(f -> true);
    }

    /** The next frame matching; frames skipped before it are kept in {@link #seen()}. */
    ServerFrame next(Predicate<ServerFrame> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                ServerFrame f = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new AssertionError("no matching frame within " + WAIT + "; seen: " + seen);
                }
                if (match.test(f)) {
                    return f;
                }
                seen.add(f);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    <T extends ServerFrame> T next(Class<T> type) {
        return type.cast(next(type::isInstance));
    }

    /** Frames of one generation until (and including) its done chunk or error. */
    List<ServerFrame> generation(String id) {
        List<ServerFrame> out = new ArrayList<>(seen.stream().filter(f -> f.generationId().filter(id::equals).isPresent()).toList());
        seen.removeIf(f -> f.generationId().filter(id::equals).isPresent());
        while (out.isEmpty() || !ends(out.getLast())) {
            out.add(next(f -> f.generationId().filter(id::equals).isPresent()));
        }
        if (out.getLast() instanceof ServerFrame.StreamChunk) {
            out.add(next(f -> f instanceof ServerFrame.GenerationMetrics m && m.id().equals(id)));
        }
        return out;
    }

    static boolean ends(ServerFrame f) {
        return f instanceof ServerFrame.StreamChunk c && c.done() || f instanceof ServerFrame.ErrorFrame;
    }

    /** Nothing more arrives within the pause (for "no frame after…" checks). */
    List<ServerFrame> drain(Duration pause) throws InterruptedException {
        List<ServerFrame> out = new ArrayList<>();
        ServerFrame f;
        while ((f = frames.poll(pause.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            out.add(f);
        }
        return out;
    }

    List<ServerFrame> seen() {
        return seen;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            try {
                frames.add(codec.readServer(text.toString()));
            } catch (Exception e) {
                frames.add(new ServerFrame.Unknown("unreadable: " + e.getMessage(), null));
            }
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = "error " + error;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
