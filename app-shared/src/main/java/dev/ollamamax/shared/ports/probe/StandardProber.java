package dev.ollamamax.shared.ports.probe;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.runtime.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** {@link HealthProber#standard()}: one short connection per probe, by the service's {@link ProbeKind}. */
public final class StandardProber implements HealthProber {

    private static final byte[] REDIS_PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Length 8, then the SSLRequest code 80877103. */
    private static final byte[] PG_SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x2F};

    private final Lazy<HttpClient> http = Lazy.of(() -> HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());

    @Override
    public ProbeResult probe(PlannedService s, Duration timeout) {
        String host = probeHost(s.host());
        if (s.port() <= 0) {
            return ProbeResult.down(Optional.empty(), "no fixed port configured");
        }
        try {
            return switch (s.id().probe()) {
                case HTTP_GET -> http(s, host, timeout);
                case TCP -> tcp(host, s.port(), timeout);
                case REDIS_PING -> redis(host, s.port(), timeout);
                case POSTGRES -> postgres(host, s.port(), timeout);
            };
        } catch (RuntimeException e) {
            return ProbeResult.down(Optional.empty(), "probe failed: " + e.getMessage());
        }
    }

    /** A wildcard bind address is probed on loopback. */
    public static String probeHost(String host) {
        return switch (host.strip()) {
            case "", "0.0.0.0", "*" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> host.strip();
        };
    }

    private ProbeResult http(PlannedService s, String host, Duration timeout) {
        String path = s.id().probePath().isEmpty() ? "/" : s.id().probePath();
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        URI uri = URI.create("http://" + authority + ":" + s.port() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long start = System.nanoTime();
        try {
            int status = http.get().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .join().statusCode();
            Duration took = since(start);
            if (status >= 200 && status < 400) {
                return ProbeResult.up(took, "HTTP " + status + " on " + path + " in " + millis(took));
            }
            if (status == 503) {
                return ProbeResult.notReady(Optional.of(took), "HTTP 503 on " + path + ": not ready");
            }
            return ProbeResult.down(Optional.of(took), "answers HTTP " + status + " on " + path);
        } catch (java.util.concurrent.CompletionException e) {
            return httpFailure(e.getCause() == null ? e : e.getCause(), host, s.port(), path, timeout);
        }
    }

    private static ProbeResult httpFailure(Throwable e, String host, int port, String path, Duration timeout) {
        if (e instanceof ConnectException) {
            return ProbeResult.down(Optional.empty(), "nothing listens on " + host + ":" + port);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return ProbeResult.down(Optional.empty(), "no answer from " + host + ":" + port + " within " + millis(timeout));
        }
        if (e instanceof HttpTimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            return ProbeResult.notReady(Optional.empty(), "port open, no HTTP answer on " + path + " within "
                    + millis(timeout));
        }
        return ProbeResult.down(Optional.empty(), "port open but no HTTP answer on " + path + " ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    }

    private static ProbeResult tcp(String host, int port, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = connect(host, port, timeout)) {
            Duration took = since(start);
            return ProbeResult.up(took, "accepts connections in " + millis(took));
        } catch (IOException e) {
            return connectFailure(e, host, port, timeout);
        }
    }

    private static ProbeResult redis(String host, int port, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = connect(host, port, timeout)) {
            OutputStream out = socket.getOutputStream();
            out.write(REDIS_PING);
            out.flush();
            String line = readLine(socket.getInputStream());
            Duration took = since(start);
            if (line.equals("+PONG")) {
                return ProbeResult.up(took, "PONG in " + millis(took));
            }
            if (line.startsWith("-NOAUTH") || line.startsWith("-WRONGPASS") || line.startsWith("-NOPERM")) {
                return ProbeResult.up(took, "Redis answers but needs a password (" + line.substring(1).split(" ")[0] + ")");
            }
            if (line.startsWith("-LOADING")) {
                return ProbeResult.notReady(Optional.of(took), "Redis is loading its data set");
            }
            if (line.startsWith("-")) {
                return ProbeResult.down(Optional.of(took), "Redis answered an error: " + line.substring(1));
            }
            return ProbeResult.down(Optional.of(took), line.isEmpty() ? "closed the connection: not Redis"
                    : "not Redis (answered \"" + abbreviate(line) + "\")");
        } catch (SocketTimeoutException e) {
            return ProbeResult.notReady(Optional.empty(), "port open, no answer to PING within " + millis(timeout));
        } catch (IOException e) {
            return connectFailure(e, host, port, timeout);
        }
    }

    private static ProbeResult postgres(String host, int port, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = connect(host, port, timeout)) {
            OutputStream out = socket.getOutputStream();
            out.write(PG_SSL_REQUEST);
            out.flush();
            int answer = socket.getInputStream().read();
            Duration took = since(start);
            return switch (answer) {
                case 'S' -> ProbeResult.up(took, "PostgreSQL answers in " + millis(took) + " (TLS offered)");
                case 'N' -> ProbeResult.up(took, "PostgreSQL answers in " + millis(took));
                case -1 -> ProbeResult.down(Optional.of(took), "closed the connection: not PostgreSQL");
                default -> ProbeResult.down(Optional.of(took), "not PostgreSQL (unexpected answer to SSLRequest)");
            };
        } catch (SocketTimeoutException e) {
            return ProbeResult.notReady(Optional.empty(), "port open, no answer to SSLRequest within " + millis(timeout));
        } catch (IOException e) {
            return connectFailure(e, host, port, timeout);
        }
    }

    private static Socket connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static ProbeResult connectFailure(IOException e, String host, int port, Duration timeout) {
        if (e instanceof ConnectException) {
            return ProbeResult.down(Optional.empty(), "nothing listens on " + host + ":" + port);
        }
        if (e instanceof SocketTimeoutException) {
            return ProbeResult.down(Optional.empty(), "no answer from " + host + ":" + port + " within " + millis(timeout));
        }
        return ProbeResult.down(Optional.empty(), "cannot connect to " + host + ":" + port + ": " + e.getMessage());
    }

    /** One line of a RESP answer, without its CRLF; at most 512 bytes. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && sb.length() < 512) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String millis(Duration d) {
        long micros = d.toNanos() / 1000;
        return micros < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0) : (micros / 1000) + " ms";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
