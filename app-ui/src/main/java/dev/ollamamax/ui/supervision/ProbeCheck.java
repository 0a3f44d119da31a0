package dev.ollamamax.ui.supervision;

import dev.ollamamax.shared.stack.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Tries one probe check once within its timeout; empty when it passed, otherwise why it failed. */
final class ProbeCheck {

    private ProbeCheck() {
    }

    static Optional<String> run(Probe.Check check, Duration timeout, Path dir, Map<String, String> env)
            throws InterruptedException {
        try {
            return switch (check) {
                case Probe.HttpGet h -> http(h, timeout);
                case Probe.Tcp t -> tcp(t, timeout);
                case Probe.Exec e -> exec(e, timeout, dir, env);
            };
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(check.describe() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    private static Optional<String> http(Probe.HttpGet h, Duration timeout) throws IOException, InterruptedException {
        URI uri = URI.create(h.scheme() + "://" + h.host() + ":" + h.port() + h.path());
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build()) {
            int status = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400 ? Optional.empty()
                    : Optional.of(h.describe() + " answered " + status);
        }
    }

    private static Optional<String> tcp(Probe.Tcp t, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(t.host(), t.port()), (int) timeout.toMillis());
            return Optional.empty();
        }
    }

    private static Optional<String> exec(Probe.Exec e, Duration timeout, Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.shell(e.command())).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return Optional.of(e.describe() + " took longer than " + timeout.toSeconds() + " s");
        }
        return p.exitValue() == 0 ? Optional.empty() : Optional.of(e.describe() + " exited with " + p.exitValue());
    }
}
