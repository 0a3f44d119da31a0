package dev.ollamamax.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
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

    /** Sends {@code rate} requests per second for {@code duration}, each from its scheduled instant. */
    Result fixedRate(String target, URI uri, byte[] body, int rate, Duration duration) throws InterruptedException {
        int total = (int) (rate * duration.toMillis() / 1000);
        long[] lat = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int idx = i;
                pool.execute(() -> {
                    if (!send(uri, body)) {
                        errors.incrementAndGet();
                    }
                    lat[idx] = System.nanoTime() - scheduled;
                    done.incrementAndGet();
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(lat);
        return new Result(target, done.get(), errors.get(), seconds, lat);
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
