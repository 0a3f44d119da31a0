package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Cache;
import dev.ollamamax.server.store.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions that were logged out (or whose password changed) while their access tokens are still
 * unexpired: kept in Redis ({@code ollamamax:revoked:sid:<id>}, expiring with the last such token) for all
 * instances, announced on the event bus, and remembered locally so this instance honours them even while
 * Redis is down.
 */
final class RevokedSessions {

    static final String TOPIC = "auth.sessions.revoked";
    private static final String PREFIX = "ollamamax:revoked:sid:";

    private final Cache cache;
    private final EventBus bus;
    private final Clock clock;
    private final Duration accessTtl;
    private final Map<UUID, Instant> local = new ConcurrentHashMap<>();

    RevokedSessions(Cache cache, EventBus bus, Clock clock, Duration accessTtl) {
        this.cache = cache;
        this.bus = bus;
        this.clock = clock;
        this.accessTtl = accessTtl;
        bus.subscribe(TOPIC, sid -> remember(UUID.fromString(sid.replace("\"", ""))));
    }

    void revoke(UUID session) {
        remember(session);
        cache.call(j -> j.setex(PREFIX + session, Math.max(1, accessTtl.toSeconds() + 5), "1"));
        bus.publish(TOPIC, "\"" + session + "\"");
    }

    boolean isRevoked(UUID session) {
        Instant now = clock.instant();
        local.values().removeIf(until -> until.isBefore(now));
        if (local.containsKey(session)) {
            return true;
        }
        return cache.call(j -> j.exists(PREFIX + session)).orElse(false);
    }

    private void remember(UUID session) {
        local.put(session, clock.instant().plus(accessTtl).plusSeconds(5));
    }
}
