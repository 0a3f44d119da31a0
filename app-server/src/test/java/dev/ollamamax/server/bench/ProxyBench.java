package dev.ollamamax.server.bench;

import dev.ollamamax.server.testing.FakeOllama;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gateway overhead on a non-streamed completion, against the same upstream in the same run: direct to
 * the in-test Ollama server, through the headless gateway (its own JVM, 512 MiB heap, auth off), and
 * through nginx {@code proxy_pass} when installed.
 * Prints throughput and p50/p99 for each and the gateway's added latency and its ratio to nginx's.
 * Args: {@code [rate=1000] [seconds=10]}.
 */
public final class ProxyBench {

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        Logger.getLogger("").setLevel(Level.WARNING);
        byte[] body = "{\"model\":\"llama3.2\",\"prompt\":\"hello\",\"stream\":false}".getBytes(StandardCharsets.UTF_8);
        try (FakeOllama upstream = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("Hi", "!"))) {
            try (GatewayProcess gateway = GatewayProcess.start(upstream.url(), "512m");
                 Nginx nginx = Nginx.start(upstream.port()).orElse(null)) {
                List<Target> targets = new ArrayList<>();
                targets.add(new Target("direct", upstream.port()));
                targets.add(new Target("gateway", gateway.port()));
                if (nginx != null) {
                    targets.add(new Target("nginx", nginx.port()));
                }
                run(targets, body, rate, duration, Optional.ofNullable(nginx).isPresent());
            }
        }
    }

    private record Target(String name, int port) {
        URI uri() {
            return URI.create("http://127.0.0.1:" + port + "/api/generate");
        }
    }

    private static void run(List<Target> targets, byte[] body, int rate, Duration duration, boolean withNginx) throws Exception {
        LoadRun load = new LoadRun();
        System.out.printf("Non-streamed /api/generate, open loop at %d req/s, %d one-second slices per target, targets "
                + "taking turns (after a 5 s warm-up each)%n", rate, duration.toSeconds());
        for (Target t : targets) {
            load.fixedRate(List.of(t.name()), List.of(t.uri()), body, rate, Duration.ofSeconds(5));
        }
        // targets take turns slice by slice, so background noise falls on all of them alike
        List<List<LoadRun.Result>> slices = new ArrayList<>();
        for (Target t : targets) {
            slices.add(new ArrayList<>());
        }
        for (long s = 0; s < duration.toSeconds(); s++) {
            for (int t = 0; t < targets.size(); t++) {
                slices.get(t).addAll(load.fixedRate(List.of(targets.get(t).name()), List.of(targets.get(t).uri()), body,
                        rate, Duration.ofSeconds(1)));
            }
        }
        List<LoadRun.Result> results = slices.stream().map(LoadRun.Result::merge).toList();
        System.out.printf("%-8s %10s %8s %9s %9s %9s%n", "target", "req/s", "errors", "p50 ms", "p99 ms", "p99.9 ms");
        for (LoadRun.Result r : results) {
            System.out.printf("%-8s %10.0f %8d %9.3f %9.3f %9.3f%n", r.target(), r.throughput(), r.errors(),
                    r.percentileMs(50), r.percentileMs(99), r.percentileMs(99.9));
        }
        LoadRun.Result direct = results.get(0);
        LoadRun.Result gateway = results.get(1);
        double addedP50 = gateway.percentileMs(50) - direct.percentileMs(50);
        double addedP99 = gateway.percentileMs(99) - direct.percentileMs(99);
        System.out.printf("gateway added latency: p50 %.3f ms, p99 %.3f ms (budget: p99 < 1 ms)%n", addedP50, addedP99);
        if (withNginx) {
            LoadRun.Result nginx = results.get(2);
            double nginxP50 = nginx.percentileMs(50) - direct.percentileMs(50);
            double nginxP99 = nginx.percentileMs(99) - direct.percentileMs(99);
            System.out.printf("nginx added latency:   p50 %.3f ms, p99 %.3f ms%n", nginxP50, nginxP99);
            System.out.printf("ratio gateway/nginx p50 latency: %.2f, p99 latency: %.2f; added p50 gateway - nginx: %.3f ms%n",
                    gateway.percentileMs(50) / nginx.percentileMs(50), gateway.percentileMs(99) / nginx.percentileMs(99),
                    addedP50 - nginxP50);
        } else {
            System.out.println("nginx not installed: no nginx comparison (apt-get install -y nginx-light)");
        }
        System.out.println("Max throughput, closed loop, 32 clients, 3 s each:");
        for (Target t : targets) {
            LoadRun.Result r = load.closedLoop(t.name(), t.uri(), body, 32, Duration.ofSeconds(3));
            System.out.printf("  %-8s %8.0f req/s (%d errors)%n", t.name(), r.throughput(), r.errors());
        }
    }
}
