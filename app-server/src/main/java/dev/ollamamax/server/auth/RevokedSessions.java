package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Cache;
import dev.ollamamax.server.store.Database;
import dev.ollamamax.server.store.EventBus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions that were logged out (or ended by a password, role or account change) while their access
 * tokens are still unexpired. The record of truth is PostgreSQL: ending a session marks its refresh-token
 * family revoked in the same transaction, before anyone is told. Redis ({@code ollamamax:revoked:sid:<id>},
 * expiring with the last such token) is the fast path every instance reads, announced on the event bus and
 * remembered locally. While Redis does not answer, checks ask PostgreSQL; when neither answers, the token
 * cannot be checked and is refused (503), never waved through. Revocations Redis missed are written to it
 * once it answers again.
 */
final class RevokedSessions {

    static final String TOPIC = "auth.sessions.revoked";
    private static final String PREFIX = "ollamamax:revoked:sid:";

    private final Cache cache;
    private final Database database;
    private final EventBus bus;
    private final Clock clock;
    private final Duration accessTtl;
    private final Map<UUID, Instant> local = new ConcurrentHashMap<>();
    private final Set<UUID> unwritten = ConcurrentHashMap.newKeySet();

    RevokedSessions(Cache cache, Database database, EventBus bus, Clock clock, Duration accessTtl) {
        this.cache = cache;
        this.database = database;
        this.bus = bus;
        this.clock = clock;
        this.accessTtl = accessTtl;
        bus.subscribe(TOPIC, sid -> remember(UUID.fromString(sid.replace("\"", ""))));
    }

    /** Announces a session the caller already marked revoked in PostgreSQL. */
    void revoke(UUID session) {
        remember(session);
        if (!writeToRedis(session)) {
            unwritten.add(session);
        }
        bus.publish(TOPIC, "\"" + session + "\"");
    }

    /** Whether the session was revoked; empty when neither Redis nor PostgreSQL can say. */
    Optional<Boolean> isRevoked(UUID session) {
        Instant now = clock.instant();
        local.values().removeIf(until -> until.isBefore(now));
        if (local.containsKey(session)) {
            return Optional.of(true);
        }
        Optional<Boolean> shared = cache.call(j -> j.exists(PREFIX + session));
        if (shared.isPresent()) {
            flushUnwritten();
            return shared;
        }
        try {
            return Optional.of(database.query(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM refresh_sessions "
                        + "WHERE family_id = ? AND revoked_at IS NOT NULL)")) {
                    ps.setObject(1, session);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getBoolean(1);
                    }
                }
            }));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void flushUnwritten() {
        for (UUID s : unwritten) {
            if (writeToRedis(s)) {
                unwritten.remove(s);
            }
        }
    }

    private boolean writeToRedis(UUID session) {
        return cache.call(j -> j.setex(PREFIX + session, Math.max(1, accessTtl.toSeconds() + 5), "1")).isPresent();
    }

    private void remember(UUID session) {
        local.put(session, clock.instant().plus(accessTtl).plusSeconds(5));
    }
}
