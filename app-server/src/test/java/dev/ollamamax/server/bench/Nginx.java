package dev.ollamamax.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An nginx {@code proxy_pass} in front of an upstream, when nginx is installed. */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<Nginx> start(int upstreamPort) throws IOException, InterruptedException {
        Optional<Path> binary = java.util.stream.Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("omx-nginx");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                error_log %1$s/logs/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  upstream node { server 127.0.0.1:%2$d; keepalive 64; }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://node;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host 127.0.0.1;
                      proxy_buffering off;
                    }
                  }
                }
                """.formatted(dir, upstreamPort, port));
        Process p = new ProcessBuilder(binary.get().toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/out.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return Optional.of(new Nginx(p, port));
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IOException("nginx did not start; see " + dir.resolve("logs"));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
