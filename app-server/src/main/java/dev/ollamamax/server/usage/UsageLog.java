package dev.ollamamax.server.usage;

import dev.ollamamax.server.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The usage sink of a gateway: {@link #record} counts the tokens as Prometheus meters and puts the event
 * in a bounded queue (when it is full the event is dropped and counted, the request never waits); one
 * writer thread drains it into PostgreSQL every second or every {@value #BATCH} events, and counts the
 * tokens per minute in Redis ({@link TokenWindow}). Rows the database cannot take while it is down are kept
 * (up to {@value #MAX_PENDING}) and written when it is back. {@link #close} writes everything queued.
 */
public final class UsageLog implements UsageSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UsageLog.class.getName());
    static final int BATCH = 500;
    private static final int CAPACITY = 20_000;
    private static final int MAX_PENDING = 100_000;

    private final BlockingQueue<UsageEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final UsageWriter writer;
    private final TokenWindow window;
    private final MeterRegistry meters;
    private final Counter dropped;
    private final Thread thread;
    private final List<UsageEvent> pending = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong settled = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closing;

    UsageLog(Database database, TokenWindow window, MeterRegistry meters) {
        this.writer = new UsageWriter(database);
        this.window = window;
        this.meters = meters;
        this.dropped = Counter.builder("ollamamax.usage.dropped")
                .description("Usage events dropped because the write queue was full").register(meters);
        this.thread = Thread.ofPlatform().daemon().name("usage-writer").start(this::run);
    }

    @Override
    public void record(UsageEvent event) {
        if (!event.model().isEmpty() && (event.promptTokens() > 0 || event.completionTokens() > 0)) {
            tokens(event.model(), "prompt").increment(event.promptTokens());
            tokens(event.model(), "completion").increment(event.completionTokens());
        }
        if (closing || !queue.offer(event)) {
            dropped.increment();
        } else {
            accepted.incrementAndGet();
        }
    }

    private Counter tokens(String model, String kind) {
        return Counter.builder("ollamamax.tokens").tag("model", model).tag("kind", kind)
                .description("Tokens of finished requests by model, as the nodes counted them").register(meters);
    }

    private void run() {
        List<UsageEvent> batch = new ArrayList<>(BATCH);
        long nextFlush = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!(closing && queue.isEmpty())) {
            try {
                UsageEvent e = queue.poll(Math.max(1, nextFlush - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e != null) {
                    batch.add(e);
                    queue.drainTo(batch, BATCH - batch.size());
                }
            } catch (InterruptedException ie) {
                closing = true;
            }
            if (batch.size() >= BATCH || System.nanoTime() >= nextFlush || closing) {
                write(batch);
                batch.clear();
                nextFlush = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
        }
        write(batch);
    }

    private void write(List<UsageEvent> batch) {
        if (!batch.isEmpty()) {
            window.add(batch);
            pending.addAll(batch);
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            writer.insert(pending);
            settled.addAndGet(pending.size());
            pending.clear();
        } catch (RuntimeException e) {
            LOG.fine(() -> "Usage kept for later (" + pending.size() + " rows): " + e.getMessage());
            if (pending.size() > MAX_PENDING) {
                int over = pending.size() - MAX_PENDING;
                pending.subList(0, over).clear();
                dropped.increment(over);
                settled.addAndGet(over);
            }
        }
    }

    /** Tokens used in the last minute by an API key (or by a user's requests without a key); 0 while Redis is down. */
    public long tokensLastMinute(long userId, java.util.Optional<Long> apiKeyId) {
        return window.lastMinute(apiKeyId.map(id -> "key:" + id).orElse("user:" + userId));
    }

    /**
     * Waits (at most {@code timeout}) until every event recorded before the call is written or given up;
     * true when they are. For tests and tools; the request path never calls it.
     */
    public boolean flush(java.time.Duration timeout) throws InterruptedException {
        long target = accepted.get();
        long end = System.nanoTime() + timeout.toNanos();
        while (settled.get() < target) {
            if (System.nanoTime() > end || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Stops taking events and writes every queued one before returning (the writer notices within a second). */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!pending.isEmpty()) {
            LOG.warning(pending.size() + " usage rows could not be written before the gateway stopped");
        }
    }
}
