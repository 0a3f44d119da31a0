package dev.ollamamax.server.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Events shared between the gateway instances on one Redis (Redis pub/sub on {@code ollamamax:events:<topic>}).
 * An event is delivered to this instance's subscribers at once, and to the other instances' through Redis;
 * while Redis is down, only this instance hears it. Handlers run on the bus's listener thread (remote
 * events) or the publisher's thread (local ones): keep them short.
 */
public final class EventBus implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
    static final String PREFIX = "ollamamax:events:";

    private final String origin = UUID.randomUUID().toString();
    private final Cache cache;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile JedisPubSub pubsub;
    private volatile boolean closed;

    public EventBus(Cache cache) {
        this.cache = cache;
        this.listener = Thread.ofPlatform().daemon().name("event-bus").start(this::listen);
    }

    /** Publishes one event (a JSON text) on a topic, e.g. {@code publish("api-keys", "{\"revoked\":12}")}. */
    public void publish(String topic, String json) {
        deliver(topic, json);
        cache.call(j -> j.publish(PREFIX + topic, origin + "\n" + json));
    }

    /** Calls {@code handler} with each event of the topic, from any instance; close the handle to stop. */
    public AutoCloseable subscribe(String topic, Consumer<String> handler) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
        return () -> subscribers.getOrDefault(topic, List.of()).remove(handler);
    }

    private void deliver(String topic, String json) {
        for (Consumer<String> handler : subscribers.getOrDefault(topic, List.of())) {
            try {
                handler.accept(json);
            } catch (RuntimeException e) {
                LOG.warning("An event handler for " + topic + " failed: " + e);
            }
        }
    }

    private void listen() {
        while (!closed) {
            var endpoint = cache.endpoint();
            if (endpoint.isEmpty() || !cache.isUp()) {
                pause(500);
                continue;
            }
            try (Jedis jedis = new Jedis(endpoint.get().hostAndPort(), endpoint.get().clientConfig("ollamamax-events"))) {
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onPMessage(String pattern, String channel, String message) {
                        int nl = message.indexOf('\n');
                        if (nl > 0 && !message.substring(0, nl).equals(origin)) {
                            deliver(channel.substring(PREFIX.length()), message.substring(nl + 1));
                        }
                    }
                };
                pubsub = sub;
                if (!closed) {
                    jedis.psubscribe(sub, PREFIX + "*");
                }
            } catch (JedisException e) {
                if (!closed) {
                    pause(1000);
                }
            }
        }
    }

    /** Whether the cross-instance subscription is live (for tests and the status page). */
    public boolean connected() {
        JedisPubSub sub = pubsub;
        return sub != null && sub.isSubscribed();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub sub = pubsub;
        if (sub != null && sub.isSubscribed()) {
            try {
                sub.punsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is already gone
            }
        }
        listener.interrupt();
    }
}
