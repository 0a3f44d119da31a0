package dev.ollamamax.server.store;

import static dev.ollamamax.server.TestHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoHomesTest {

    @TempDir
    Path homeA;
    @TempDir
    Path homeB;

    @Test
    void twoGatewaysWithTheirOwnFoldersRunTheirOwnServersSideBySide() throws Exception {
        int preferredPg = FreePort.choose();
        int preferredRedis = FreePort.choose();
        try (Gateway a = start(homeA, preferredPg, preferredRedis); Gateway b = start(homeB, preferredPg, preferredRedis)) {
            TestGateways.awaitStores(a, true, Duration.ofSeconds(90));
            TestGateways.awaitStores(b, true, Duration.ofSeconds(90));
            StoreFeature sa = a.feature(StoreFeature.class).orElseThrow();
            StoreFeature sb = b.feature(StoreFeature.class).orElseThrow();
            int pgA = sa.postgres().orElseThrow().port().orElseThrow();
            int pgB = sb.postgres().orElseThrow().port().orElseThrow();
            int redisA = sa.redis().orElseThrow().port().orElseThrow();
            int redisB = sb.redis().orElseThrow().port().orElseThrow();
            assertThat(List.of(pgA, pgB)).as("one of them got the planned port").contains(preferredPg);
            assertThat(pgA).isNotEqualTo(pgB);
            assertThat(List.of(redisA, redisB)).contains(preferredRedis);
            assertThat(redisA).isNotEqualTo(redisB);
            assertThat(homeA.resolve("postgres/PG_VERSION")).exists();
            assertThat(homeB.resolve("postgres/PG_VERSION")).exists();
            assertThat(homeA.resolve("redis/appendonly.aof")).exists();
            for (Gateway g : List.of(a, b)) {
                assertThat(get(TestGateways.url(g, Listener.PRIMARY, "/health/ready")).json().get("status").asText())
                        .isEqualTo("UP");
            }
        }
    }

    private static Gateway start(Path home, int pg, int redis) {
        return TestGateways.start(TestGateways.config(home)
                .set(Setting.POSTGRES_PORT, Integer.toString(pg))
                .set(Setting.REDIS_PORT, Integer.toString(redis))
                .build(), ctx -> List.of());
    }
}
