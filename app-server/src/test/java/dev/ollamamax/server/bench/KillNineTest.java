package dev.ollamamax.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.testing.FakeOllama;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the headless gateway (its own JVM, as it runs for real) is killed with SIGKILL while 50 streams and
 * 20 writes are in flight, then started again on the same data folder and ports. Everything acknowledged
 * before the kill is there, every client got an error rather than a hang, the old PostgreSQL and Redis do
 * not outlive their gateway, and exactly one of each serves the folder after the restart.
 */
@EnabledOnOs(OS.LINUX)
class KillNineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void aRestartAfterKillNineHasEveryAcknowledgedWriteAndExactlyOnePostgresAndRedis() throws Exception {
        try (FakeOllama node = FakeOllama.start().tokenDelay(Duration.ofMillis(100))
                .reply("llama3.2", IntStream.range(0, 200).mapToObj(i -> " t" + i).toList());
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            int[] ports = {free(), free(), free()};
            GatewayProcess first = GatewayProcess.start(node.url(), "256m", home, ports);
            URI base = URI.create("http://127.0.0.1:" + ports[0]);
            long oldPostgres = serverPid("postgres");
            long oldRedis = serverPid("redis");

            List<CompletableFuture<String>> streams = IntStream.range(0, 50).mapToObj(i -> stream(http, base)).toList();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<String>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                writes.add(write(http, base, "chaos-" + i, acknowledged));
                Thread.sleep(i < 10 ? 20 : 0);
            }
            awaitInFlight(node, 50);
            // on a loaded machine the 50 streams can reach the node before any write is answered: wait for the
            // first acknowledgement (the rest stay in flight) so the kill has acknowledged writes to lose
            for (int i = 0; i < 250 && acknowledged.isEmpty(); i++) {
                Thread.sleep(20);
            }

            first.kill();

            for (CompletableFuture<String> c : concat(streams, writes)) {
                assertThat(c.get(15, TimeUnit.SECONDS)).as("every client ends, with an answer or an error")
                        .isIn("done", "error", "acknowledged");
            }
            assertThat(streams).as("the kill cut streams off").anyMatch(s -> s.join().equals("error"));
            assertThat(acknowledged).as("writes were acknowledged before the kill").isNotEmpty();
            for (int port : ports) {
                assertThat(bindable(port)).as("listener port " + port + " is free after the kill").isTrue();
            }
            assertThat(gone(oldPostgres, Duration.ofSeconds(10)) && gone(oldRedis, Duration.ofSeconds(10)))
                    .as("the killed gateway's PostgreSQL and Redis ended with it (watchdog)").isTrue();

            long restarted = System.nanoTime();
            GatewayProcess second = GatewayProcess.start(node.url(), "256m", home, ports);
            try {
                assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("ready again with both stores")
                        .isLessThan(Duration.ofSeconds(10));
                assertThat(postgresOfHome()).hasSize(1);
                assertThat(redisOfHome()).hasSize(1);
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/conversations?limit=100"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                JsonNode conversations = JSON.readTree(list.body()).path("conversations");
                List<String> titles = new ArrayList<>();
                conversations.forEach(c -> titles.add(c.path("title").asText()));
                assertThat(titles).containsAll(acknowledged);
            } finally {
                second.close();
            }
            assertThat(postgresOfHome()).isEmpty();
            assertThat(redisOfHome()).isEmpty();
        }
    }

    private static CompletableFuture<String> stream(HttpClient http, URI base) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"count\"}],\"stream\":true}"))
                .build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<java.util.stream.Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
                try (var lines = r.body()) {
                    return lines.anyMatch(l -> l.contains("\"done\":true")) ? "done" : "error";
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                return "error";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }

    private static CompletableFuture<String> write(HttpClient http, URI base, String title, Set<String> acknowledged) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/api/v1/conversations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}")).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e == null && r.statusCode() == 201) {
                acknowledged.add(title);
                return "acknowledged";
            }
            return "error";
        });
    }

    private static void awaitInFlight(FakeOllama node, int streams) throws InterruptedException {
        for (int i = 0; i < 300 && node.inFlight() < streams; i++) {
            Thread.sleep(20);
        }
    }

    private long serverPid(String store) throws IOException {
        String props = Files.readString(home.resolve("run/" + store + ".properties"));
        return props.lines().filter(l -> l.startsWith("server-pid=")).map(l -> Long.parseLong(l.substring(11)))
                .findFirst().orElseThrow();
    }

    private List<Long> postgresOfHome() {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(home.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** redis-server renames its process; it runs in {@code <home>/redis}. */
    private List<Long> redisOfHome() {
        Path dir = home.resolve("redis").toAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .filter(h -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd")).equals(dir);
                    } catch (IOException e) {
                        return false;
                    }
                })
                .map(ProcessHandle::pid).toList();
    }

    private static boolean gone(long pid, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<CompletableFuture<String>> concat(List<CompletableFuture<String>> a, List<CompletableFuture<String>> b) {
        List<CompletableFuture<String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
