package dev.ollamamax.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The headless gateway in its own JVM (as it runs for real), auth off, in front of the given node. */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static GatewayProcess start(URI node, String heap) throws IOException, InterruptedException {
        return start(node, heap, Files.createTempDirectory("omx-bench-gateway"), new int[] {free(), free(), free()});
    }

    /** On the given data folder and listener ports (a restart after a crash reuses both). */
    static GatewayProcess start(URI node, String heap, Path home, int[] ports) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-Xms" + heap,
                "-cp", System.getProperty("java.class.path")));
        String extra = System.getProperty("bench.gateway.jvm", "").strip();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(List.of("dev.ollamamax.server.Main", "serve",
                "--port=" + ports[0], "--ws-port=" + ports[1], "--fallback-port=" + ports[2], "--home=" + home,
                "--nodes=" + node, "-D", "AUTH_ENABLED=false", "-D", "ENABLE_LOCAL_OLLAMA=false", "-D", "LOG_LEVEL=WARNING",
                "-D", "RATE_LIMIT_PER_MINUTE=100000000"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("gateway.log").toFile())).start();
        GatewayProcess g = new GatewayProcess(p, ports[0]);
        g.awaitReady(home);
        return g;
    }

    /** Ready: the node probed and the embedded PostgreSQL and Redis up (they start in the background). */
    private void awaitReady(Path home) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 1200; i++) {
                if (!process.isAlive()) {
                    throw new IOException("the gateway exited; see " + home.resolve("gateway.log"));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().startsWith("{\"status\":\"UP\"")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("the gateway did not become ready; see " + home.resolve("gateway.log"));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, as with a crash or the OOM killer. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
