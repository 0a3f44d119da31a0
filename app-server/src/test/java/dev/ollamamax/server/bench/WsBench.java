package dev.ollamamax.server.bench;

import dev.ollamamax.server.testing.FakeOllama;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * WebSocket chat benchmark. Starts an in-test Ollama node here and the gateway in a child JVM with the
 * given heap limit ({@link WsBenchServer}), then:
 * <ol>
 *   <li>opens {@code connections} idle {@code /chat} connections (each answers the server's pings, as real
 *       clients do) and reports the gateway's heap used after GC, in total and per connection;</li>
 *   <li>with those still open, runs {@code streams} generations of {@code tokens} tokens at once, each on
 *       its own connection, and reports the {@code stream_chunk} frames per second delivered to them (every
 *       stream must receive all its tokens, in order).</li>
 * </ol>
 * Args: {@code [connections=10000] [streams=200] [tokens=200] [server heap=512m] [hold seconds=0]} (hold: keep
 * everything open that long at the end, to look at the gateway JVM with {@code jcmd}). Needs more open files
 * than connections in both JVMs ({@code ulimit -n}).
 */
public final class WsBench {

    private WsBench() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String heap = args.length > 3 ? args[3] : "512m";
        long holdSeconds = args.length > 4 ? Long.parseLong(args[4]) : 0;
        try (FakeOllama node = FakeOllama.start().reply("bench", IntStream.rangeClosed(1, tokens).mapToObj(i -> " t" + i).toList())
                .loaded("bench")) {
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), WsBenchServer.class.getName(), node.url().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                run(server, connections, streams, tokens, heap, holdSeconds);
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static void run(Process server, int connections, int streams, int tokens, String heap, long holdSeconds)
            throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream()));
        PrintWriter in = new PrintWriter(server.getOutputStream(), true);
        int port = Integer.parseInt(expect(out, "READY")[1]);
        String[] base = heap(in, out);
        long baseline = Long.parseLong(base[1]);
        System.out.printf(Locale.ROOT, "gateway heap limit %s, heap used after GC with no connection: %.1f MiB%n", heap, mib(baseline));

        List<RawWebSocket> idle = new ArrayList<>(connections);
        long t0 = System.nanoTime();
        open(port, connections, idle);
        System.out.printf(Locale.ROOT, "opened %d idle /chat connections in %.1f s%n", idle.size(), (System.nanoTime() - t0) / 1e9);
        String[] held = heap(in, out);
        long used = Long.parseLong(held[1]);
        System.out.printf(Locale.ROOT, "gateway reports %s open chat connections; heap used after GC %.1f MiB, %.1f KiB per connection%n",
                held[2], mib(used), (used - baseline) / 1024.0 / connections);

        stream(port, streams, tokens);
        String[] after = heap(in, out);
        System.out.printf(Locale.ROOT, "after the streams: %s connections, heap used after GC %.1f MiB%n", after[2], mib(Long.parseLong(after[1])));
        if (holdSeconds > 0) {
            System.out.println("holding for " + holdSeconds + " s; gateway pid " + server.pid());
            Thread.sleep(holdSeconds * 1000);
        }
        for (RawWebSocket ws : idle) {
            ws.close();
        }
        in.println("quit");
    }

    /** Opens the idle connections from a few virtual threads; each keeps a virtual thread that answers pings. */
    private static void open(int port, int count, List<RawWebSocket> into) throws Exception {
        ConcurrentLinkedQueue<RawWebSocket> opened = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        RawWebSocket ws = RawWebSocket.connect("127.0.0.1", port, "/chat");
                        if (!ws.readText(10_000).contains("\"hello\"")) {
                            throw new IOException("no hello");
                        }
                        opened.add(ws);
                        Thread.ofVirtual().start(() -> answerPings(ws));
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        }
        into.addAll(opened);
    }

    private static void answerPings(RawWebSocket ws) {
        try {
            RawWebSocket.Frame f;
            while ((f = ws.read(0)) != null) {
                if (f.opcode() == RawWebSocket.PING) {
                    ws.send(RawWebSocket.PONG, true, f.payload());
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void stream(int port, int streams, int tokens) throws Exception {
        List<RawWebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            RawWebSocket ws = RawWebSocket.connect("127.0.0.1", port, "/chat");
            ws.readText(10_000);
            sockets.add(ws);
        }
        AtomicLong chunks = new AtomicLong();
        AtomicInteger incomplete = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            RawWebSocket ws = sockets.get(i);
            String id = "s" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    ws.sendText("{\"type\":\"inference\",\"id\":\"" + id + "\",\"model\":\"bench\",\"content\":\"go\"}");
                    int mine = 0;
                    String text;
                    while ((text = ws.readText(60_000)) != null) {
                        if (text.contains("\"stream_chunk\"")) {
                            if (text.contains("\"done\":true")) {
                                break;
                            }
                            mine++;
                        } else if (text.contains("\"error\"")) {
                            break;
                        }
                    }
                    chunks.addAndGet(mine);
                    if (mine != tokens) {
                        incomplete.incrementAndGet();
                    }
                } catch (Exception e) {
                    incomplete.incrementAndGet();
                }
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d concurrent streams x %d tokens: %d stream_chunk frames in %.2f s = %.0f chunks/s; incomplete streams: %d%n",
                streams, tokens, chunks.get(), seconds, chunks.get() / seconds, incomplete.get());
        for (RawWebSocket ws : sockets) {
            ws.close();
        }
    }

    private static String[] heap(PrintWriter in, BufferedReader out) throws IOException {
        in.println("heap");
        return expect(out, "HEAP");
    }

    private static String[] expect(BufferedReader out, String word) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(word + " ")) {
                return line.split(" ");
            }
        }
        throw new IOException("the benchmark server ended before saying " + word);
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
