package dev.ollamamax.shared.ports.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.ServiceKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthProberTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private final HealthProber prober = HealthProber.standard();

    @Test
    void redisAnsweringPongIsUp() throws Exception {
        try (OneAnswerServer redis = new OneAnswerServer(14, "+PONG\r\n")) {
            ProbeResult r = prober.probe(service(ServiceId.REDIS, redis.port()), TIMEOUT);
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.UP);
            assertThat(redis.received()).isEqualTo("*1\r\n$4\r\nPING\r\n");
        }
    }

    @Test
    void redisAskingForAPasswordIsUpButSaysSo() throws Exception {
        try (OneAnswerServer redis = new OneAnswerServer(14, "-NOAUTH Authentication required.\r\n")) {
            ProbeResult r = prober.probe(service(ServiceId.REDIS, redis.port()), TIMEOUT);
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.UP);
            assertThat(r.detail()).contains("needs a password");
        }
    }

    @Test
    void somethingElseOnTheRedisPortIsDown() throws Exception {
        try (OneAnswerServer other = new OneAnswerServer(14, "HTTP/1.1 400 Bad Request\r\n\r\n")) {
            ProbeResult r = prober.probe(service(ServiceId.REDIS, other.port()), TIMEOUT);
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.DOWN);
            assertThat(r.detail()).startsWith("not Redis");
        }
    }

    @Test
    void postgresAnsweringTheSslRequestIsUp() throws Exception {
        try (OneAnswerServer pg = new OneAnswerServer(8, "N")) {
            ProbeResult r = prober.probe(service(ServiceId.POSTGRES, pg.port()), TIMEOUT);
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.UP);
            assertThat(pg.receivedBytes()).containsExactly(0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F);
        }
    }

    @Test
    void httpServiceUnavailableIsNotReadyAndNotFoundIsDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/health/ready", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            ProbeResult gateway = prober.probe(service(ServiceId.GATEWAY, port), TIMEOUT);
            assertThat(gateway.outcome()).isEqualTo(ProbeResult.Outcome.NOT_READY);
            assertThat(gateway.detail()).isEqualTo("HTTP 503 on /health/ready: not ready");

            ProbeResult grafana = prober.probe(service(ServiceId.GRAFANA, port), TIMEOUT);
            assertThat(grafana.outcome()).isEqualTo(ProbeResult.Outcome.DOWN);
            assertThat(grafana.detail()).isEqualTo("answers HTTP 404 on /api/health");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aListenerThatNeverAnswersIsNotReadyAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProbeResult r = prober.probe(service(ServiceId.REDIS, silent.getLocalPort()), Duration.ofMillis(200));
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.NOT_READY);
        }
    }

    @Test
    void aClosedPortIsDownForEveryKindOfProbe() {
        int port = FreePorts.nextFree("127.0.0.1", 22000);
        for (ServiceId id : new ServiceId[] {ServiceId.GATEWAY, ServiceId.BACKEND_WEB, ServiceId.REDIS, ServiceId.POSTGRES}) {
            ProbeResult r = prober.probe(service(id, port), TIMEOUT);
            assertThat(r.outcome()).as(id.name()).isEqualTo(ProbeResult.Outcome.DOWN);
            assertThat(r.detail()).as(id.name()).isEqualTo("nothing listens on 127.0.0.1:" + port);
        }
    }

    private static PlannedService service(ServiceId id, int port) {
        return new PlannedService(id, id.displayName(), "127.0.0.1", port, ServiceKind.EXTERNAL);
    }

    /** A real loopback server that reads a fixed number of bytes from one client and writes a fixed answer. */
    private static final class OneAnswerServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private volatile byte[] received = new byte[0];

        OneAnswerServer(int expect, String answer) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = Thread.ofVirtual().start(() -> {
                try (Socket client = socket.accept()) {
                    InputStream in = client.getInputStream();
                    received = in.readNBytes(expect);
                    client.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    in.read();
                } catch (IOException e) {
                    // closed by the test
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        String received() throws InterruptedException {
            thread.join(2000);
            return new String(received, StandardCharsets.US_ASCII);
        }

        int[] receivedBytes() throws InterruptedException {
            thread.join(2000);
            int[] out = new int[received.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = received[i] & 0xFF;
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
