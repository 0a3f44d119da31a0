package dev.ollamamax.server.bench;

import dev.ollamamax.server.testing.FakeOllama;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Time to the first streamed byte, one request at a time, against the same in-test node in the same
 * run: direct, through the gateway (its own JVM, auth off) on {@code /api/chat} (NDJSON),
 * {@code /v1/chat/completions} (SSE) and {@code /chat} (WebSocket, first {@code stream_chunk}), and
 * through nginx {@code proxy_pass} (keep-alive, {@code proxy_buffering off}) on {@code /api/chat}. The
 * targets take turns in slices of ten requests so background noise falls on all alike. Then the CPU
 * each proxy process spends per streamed token over long answers. Args: {@code [rounds=40] [tokens=1000]}.
 */
public final class StreamBench {

    static final String MODEL = "llama3.2";
    static final String LONG = "long";
    private static final int PER_SLICE = 10;
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 2000);

    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Logger.getLogger("").setLevel(Level.WARNING);
        // stopped early (Ctrl-C, timeout): the gateway and nginx go too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        List<String> many = new ArrayList<>(Collections.nCopies(tokens, "tok "));
        try (FakeOllama node = FakeOllama.start().model(MODEL).reply(MODEL, List.of("Hi", " there", "!"))
                .model(LONG).reply(LONG, many);
             GatewayProcess gateway = GatewayProcess.start(node.url(), "512m");
             Nginx nginx = Nginx.start(node.port()).orElse(null)) {
            List<Probe> probes = new ArrayList<>();
            probes.add(Probe.http("direct   /api/chat", node.port(), "/api/chat", chatBody(MODEL)));
            probes.add(Probe.http("gateway  /api/chat", gateway.port(), "/api/chat", chatBody(MODEL)));
            if (nginx != null) {
                probes.add(Probe.http("nginx    /api/chat", nginx.port(), "/api/chat", chatBody(MODEL)));
            }
            probes.add(Probe.http("gateway  /v1 SSE", gateway.port(), "/v1/chat/completions", chatBody(MODEL)));
            probes.add(Probe.ws("gateway  /chat WS", gateway.port(), MODEL));
            firstByte(probes, rounds, nginx != null);
            System.out.println();
            cpuPerToken(node, gateway, nginx, tokens);
            for (Probe p : probes) {
                p.close();
            }
        }
    }

    static byte[] chatBody(String model) {
        return ("{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void firstByte(List<Probe> probes, int rounds, boolean withNginx) throws IOException {
        for (Probe p : probes) { // warm-up: JIT, pools, connections
            for (int i = 0; i < WARM_UP; i++) {
                p.once();
            }
        }
        List<long[]> samples = new ArrayList<>();
        for (Probe p : probes) {
            samples.add(new long[rounds * PER_SLICE]);
        }
        for (int r = 0; r < rounds; r++) {
            for (int t = 0; t < probes.size(); t++) {
                for (int i = 0; i < PER_SLICE; i++) {
                    samples.get(t)[r * PER_SLICE + i] = probes.get(t).once();
                }
            }
        }
        samples.forEach(Arrays::sort);
        long[] direct = samples.getFirst();
        double nginxP50 = withNginx ? pct(samples.get(2), 50) - pct(direct, 50) : Double.NaN;
        double nginxP99 = withNginx ? pct(samples.get(2), 99) - pct(direct, 99) : Double.NaN;
        System.out.printf(Locale.ROOT, "Time to the first streamed byte, %d sequential requests per target (after %d warm-up), "
                + "targets taking turns %d at a time%n", rounds * PER_SLICE, WARM_UP, PER_SLICE);
        System.out.printf(Locale.ROOT, "%-20s %8s %8s %8s | %10s %10s | %12s%n", "target", "p50 ms", "p99 ms", "max ms",
                "added p50", "added p99", "p50 vs nginx");
        for (int t = 0; t < probes.size(); t++) {
            long[] s = samples.get(t);
            double addP50 = pct(s, 50) - pct(direct, 50);
            double addP99 = pct(s, 99) - pct(direct, 99);
            String ratio = t == 0 || !withNginx ? "–" : String.format(Locale.ROOT, "%+.3f ms", addP50 - nginxP50);
            System.out.printf(Locale.ROOT, "%-20s %8.3f %8.3f %8.3f | %10s %10s | %12s%n", probes.get(t).name(),
                    pct(s, 50), pct(s, 99), s[s.length - 1] / 1e6,
                    t == 0 ? "–" : String.format(Locale.ROOT, "%.3f", addP50),
                    t == 0 ? "–" : String.format(Locale.ROOT, "%.3f", addP99), ratio);
        }
        if (withNginx) {
            System.out.printf(Locale.ROOT, "nginx /v1 SSE and /chat WS: – (the in-test node speaks neither; the gateway's "
                    + "rows are measured against the node's own /api/chat)%n");
        } else {
            System.out.println("nginx not installed: no nginx row (apt-get install -y nginx-light)");
        }
        System.out.printf(Locale.ROOT, "targets: added p50 <= 0.300 ms, p99 <= 1.000 ms; nginx added p50 %.3f ms, p99 %.3f ms%n",
                nginxP50, nginxP99);
    }

    private static void cpuPerToken(FakeOllama node, GatewayProcess gateway, Nginx nginx, int tokens) throws IOException {
        int requests = Math.max(10, 100_000 / tokens);
        System.out.printf(Locale.ROOT, "CPU per streamed token (process user+system time over %d answers of %d tokens, one at a time)%n",
                requests, tokens);
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"gateway  /api/chat", gateway.port(), "/api/chat", gateway.pid()});
        rows.add(new Object[] {"gateway  /v1 SSE", gateway.port(), "/v1/chat/completions", gateway.pid()});
        if (nginx != null) {
            rows.add(new Object[] {"nginx    /api/chat", nginx.port(), "/api/chat", nginx.pid()});
        }
        for (Object[] row : rows) {
            try (RawHttp http = new RawHttp((int) row[1])) {
                for (int i = 0; i < 5; i++) {
                    http.firstByte((String) row[2], chatBody(LONG));
                }
                long pid = (long) row[3];
                long cpu0 = ProcessCpu.nanos(pid);
                long t0 = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    http.firstByte((String) row[2], chatBody(LONG));
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (ProcessCpu.nanos(pid) - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "  %-20s %7.2f µs CPU per token (%.2f s CPU in %.2f s, %.0f tokens/s)%n", row[0],
                        cpu * 1e6 / ((double) requests * tokens), cpu, wall, requests * (double) tokens / wall);
            }
        }
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }
}
