package dev.ollamamax.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.auth.Accounts;
import dev.ollamamax.server.store.Cache;
import dev.ollamamax.server.store.Database;
import dev.ollamamax.server.store.DatabaseUrl;
import dev.ollamamax.server.store.RedisEndpoint;
import dev.ollamamax.server.testing.SharedStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The usage log against the real shared PostgreSQL: batches, and nothing lost on a clean stop. */
class UsageLogTest {

    @Test
    void closeWritesEveryQueuedEventBeforeReturning() throws Exception {
        try (Database db = new Database(2); Cache cache = new Cache()) {
            db.connect(DatabaseUrl.parse(SharedStores.get().jdbcUrl()));
            cache.connect(RedisEndpoint.parse(SharedStores.get().redisUrl()));
            assertThat(db.awaitUp(60_000)).isTrue();
            long userId = new Accounts(db).addUser("log-" + UUID.randomUUID().toString().substring(0, 8),
                    "a long enough password", "user", "test").id();
            UsageLog log = new UsageLog(db, new TokenWindow(cache, Clock.systemUTC()), new SimpleMeterRegistry());
            for (int i = 0; i < 1234; i++) { // more than two batches, recorded faster than a flush interval
                log.record(new UsageEvent(Instant.now(), userId, Optional.empty(), "/api/generate", "m", "n", "primary",
                        1, 2, Optional.of(5L), 10, UsageEvent.Outcome.OK, Optional.empty()));
            }
            log.close();
            long rows = db.query(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*), sum(completion_tokens) FROM usage_requests WHERE user_id = ?")) {
                    ps.setLong(1, userId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getLong(2)).isEqualTo(2468);
                        return rs.getLong(1);
                    }
                }
            });
            assertThat(rows).isEqualTo(1234);
        }
    }
}
