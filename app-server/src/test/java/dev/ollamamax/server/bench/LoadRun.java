package dev.ollamamax.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** An open-loop load at a fixed rate (latency measured from each request's scheduled start), or a closed loop. */
final class LoadRun {

    record Result(String target, int requests, int errors, double seconds, long[] latenciesNanos) {
        double throughput() {
            return requests / seconds;
        }

        /** Several runs of one target as one. */
        static Result merge(List<Result> runs) {
            long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
            return new Result(runs.getFirst().target(), runs.stream().mapToInt(Result::requests).sum(),
                    runs.stream().mapToInt(Result::errors).sum(), runs.stream().mapToDouble(Result::seconds).sum(), all);
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    /**
     * Sends {@code rate} requests per second to each target for {@code duration}, interleaved (request
     * i goes to target i mod n), each timed from its scheduled instant: whatever else the machine does
     * in that time hits every target alike, so their difference is the proxies' own cost.
     */
    List<Result> fixedRate(List<String> names, List<URI> uris, byte[] body, int rate, Duration duration)
            throws InterruptedException {
        int n = uris.size();
        int perTarget = (int) (rate * duration.toMillis() / 1000);
        long[][] lat = new long[n][perTarget];
        AtomicInteger[] errors = new AtomicInteger[n];
        for (int t = 0; t < n; t++) {
            errors[t] = new AtomicInteger();
        }
        long interval = 1_000_000_000L / ((long) rate * n);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < perTarget * n; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int target = i % n;
                int idx = i / n;
                pool.execute(() -> {
                    if (!send(uris.get(target), body)) {
                        errors[target].incrementAndGet();
                    }
                    lat[target][idx] = System.nanoTime() - scheduled;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Result> results = new java.util.ArrayList<>();
        for (int t = 0; t < n; t++) {
            Arrays.sort(lat[t]);
            results.add(new Result(names.get(t), perTarget, errors[t].get(), seconds, lat[t]));
        }
        return results;
    }

    /** {@code concurrency} clients sending back to back for {@code duration}: the most it can take. */
    Result closedLoop(String target, URI uri, byte[] body, int concurrency, Duration duration) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        if (!send(uri, body)) {
                            errors.incrementAndGet();
                        }
                        count.incrementAndGet();
                    }
                });
            }
        }
        return new Result(target, (int) count.get(), errors.get(), (System.nanoTime() - start) / 1e9, new long[0]);
    }

    private boolean send(URI uri, byte[] body) {
        try {
            HttpResponse<byte[]> res = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return res.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
