package dev.ollamamax.server.nodes;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real node that misbehaves, on a raw server socket: it answers the probes ({@code /api/tags},
 * {@code /api/ps}, {@code /api/version}) like an Ollama server that has {@code llama3.2} loaded (so it is
 * routed to first), and answers everything else the way {@link #behave} says. It records every request
 * it read, whole, so tests can count what reached it. {@link #close} closes every socket and thread.
 */
public final class HostileNode implements AutoCloseable {

    public enum Behaviour {
        /** Well-behaved: a short NDJSON answer. */
        NORMAL,
        /** Writes {@code -ERR secret-banner} on connect, before reading anything, and hangs up (like Redis). */
        BANNER,
        /** A 200 with no length whose body never ends (and never has a newline). */
        ENDLESS_BODY,
        /** A status line, then a header line that never ends. */
        GIANT_HEADER,
        /** A status line, then 10,000 headers. */
        MANY_HEADERS,
        /** A 200 NDJSON answer whose first line never ends. */
        ENDLESS_LINE,
        /** {@code 100 Continue} after {@code 100 Continue}, forever. */
        ENDLESS_CONTINUE,
        /** A 200 with its headers, then nothing. */
        STALL_AFTER_HEADERS,
        /** Reads the request, then sends nothing at all. */
        STALL_BEFORE_ANY_BYTE,
        /** Reads the whole request, then closes the connection without a byte of answer. */
        CLOSE_AFTER_READ,
        /** A good answer with keep-alive, then the connection closed while it sits idle in the gateway's pool. */
        CLOSE_AFTER_ANSWER,
        /** A 302 to {@link #redirectTo}. */
        REDIRECT
    }

    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile boolean probesToo;
    private volatile URI redirectTo = URI.create("http://127.0.0.1:1");

    private HostileNode() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofPlatform().daemon().name("hostile-node").start(this::accept);
    }

    public static HostileNode start() {
        try {
            return new HostileNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How requests other than the probes are answered from now on. */
    public HostileNode behave(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    public HostileNode redirectTo(URI target) {
        this.redirectTo = target;
        return this;
    }

    /** The behaviour applies to the probes as well. */
    public HostileNode probesToo() {
        this.probesToo = true;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public String id() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Every request read, as {@code "METHOD /path"}. */
    public List<String> received() {
        return List.copyOf(received);
    }

    public long count(String methodAndPath) {
        return received.stream().filter(methodAndPath::equals).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                workers.add(Thread.ofVirtual().start(() -> serve(s)));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            if (behaviour == Behaviour.BANNER) {
                out.write("-ERR secret-banner\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            InputStream in = new BufferedInputStream(s.getInputStream());
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                received.add(request);
                boolean probe = request.startsWith("GET ");
                if (probe && !probesToo) {
                    answerProbe(request, out);
                    continue;
                }
                if (!answer(request, s, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the gateway hung up, or close() closed the socket
        } finally {
            sockets.remove(s);
            workers.remove(Thread.currentThread());
        }
    }

    /** Answers one request; false when the connection is to be dropped. */
    private boolean answer(String request, Socket s, OutputStream out) throws IOException, InterruptedException {
        switch (behaviour) {
            case NORMAL, CLOSE_AFTER_ANSWER -> {
                String body = "{\"message\":{\"role\":\"assistant\",\"content\":\"hostile\"},\"done\":false}\n"
                        + "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n";
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body);
                return behaviour == Behaviour.NORMAL;
            }
            case ENDLESS_BODY, ENDLESS_LINE -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n\r\n{\"a\":\"");
                byte[] x = "x".repeat(8192).getBytes(StandardCharsets.ISO_8859_1);
                while (true) {
                    out.write(x);
                }
            }
            case GIANT_HEADER -> {
                write(out, "HTTP/1.1 200 OK\r\nX-Giant: ");
                byte[] a = "a".repeat(8192).getBytes(StandardCharsets.ISO_8859_1);
                while (true) {
                    out.write(a);
                }
            }
            case MANY_HEADERS -> {
                StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
                for (int i = 0; i < 10_000; i++) {
                    sb.append("X-H").append(i).append(": v\r\n");
                }
                write(out, sb.append("Content-Length: 2\r\n\r\n{}").toString());
                return true;
            }
            case ENDLESS_CONTINUE -> {
                while (true) {
                    write(out, "HTTP/1.1 100 Continue\r\n\r\n");
                }
            }
            case STALL_AFTER_HEADERS -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n");
                Thread.sleep(60_000);
                return false;
            }
            case STALL_BEFORE_ANY_BYTE -> {
                Thread.sleep(60_000);
                return false;
            }
            case REDIRECT -> {
                write(out, "HTTP/1.1 302 Found\r\nLocation: " + redirectTo + request.substring(request.indexOf(' ') + 1)
                        + "\r\nContent-Length: 0\r\n\r\n");
                return true;
            }
            case CLOSE_AFTER_READ, BANNER -> {
                return false;
            }
        }
        return false;
    }

    private void answerProbe(String request, OutputStream out) throws IOException {
        String body = switch (request) {
            case "GET /api/tags" -> "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\",\"size\":1}]}";
            case "GET /api/ps" -> "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}";
            case "GET /api/version" -> "{\"version\":\"0.9.0\"}";
            default -> "{}";
        };
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one whole request (head and Content-Length body); null when the gateway hung up. */
    private static String readRequest(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        long length = 0;
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).strip());
            }
        }
        in.readNBytes((int) length);
        String[] parts = requestLine.split(" ");
        return parts[0] + " " + parts[1];
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c == -1 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        sockets.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        });
        workers.forEach(Thread::interrupt);
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
