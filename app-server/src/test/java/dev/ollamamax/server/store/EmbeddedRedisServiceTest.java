package dev.ollamamax.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.server.process.ManagedService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class EmbeddedRedisServiceTest {

    @TempDir
    Path home;

    @Test
    void persistsAcrossRestartsAndRequiresItsPassword() throws Exception {
        EmbeddedRedisService redis = new EmbeddedRedisService(home, 0);
        try {
            redis.start();
            assertThat(redis.state()).isEqualTo(ManagedService.State.RUNNING);
            RedisEndpoint endpoint = redis.endpoint().orElseThrow();
            try (Jedis j = new Jedis(endpoint.hostAndPort(), endpoint.clientConfig("test"))) {
                j.set("kept", "still here");
            }
            try (Jedis anonymous = new Jedis(endpoint.host(), endpoint.port())) {
                assertThatThrownBy(() -> anonymous.get("kept")).isInstanceOf(JedisDataException.class)
                        .hasMessageContaining("NOAUTH");
            }
            assertThat(SecretFile.isOwnerOnly(home.resolve("redis-password"))).isTrue();
            assertThat(SecretFile.isOwnerOnly(home.resolve("redis/redis.conf"))).isTrue();

            redis.restart();

            RedisEndpoint again = redis.endpoint().orElseThrow();
            try (Jedis j = new Jedis(again.hostAndPort(), again.clientConfig("test"))) {
                assertThat(j.get("kept")).isEqualTo("still here");
            }
            assertThat(redis.recentLog()).anyMatch(l -> l.contains("Ready to accept connections"));
            assertThat(redis.state()).isEqualTo(ManagedService.State.RUNNING);
        } finally {
            redis.stop();
        }
        assertThat(redis.state()).isEqualTo(ManagedService.State.STOPPED);
    }

    @Test
    void reportsACrashWhenTheProcessIsKilled() throws Exception {
        EmbeddedRedisService redis = new EmbeddedRedisService(home, 0);
        try {
            redis.start();
            ProcessHandle victim = ProcessHandle.of(redis.pid().orElseThrow()).orElseThrow();
            victim.destroyForcibly();
            victim.onExit().get();
            for (int i = 0; i < 50 && redis.state() != ManagedService.State.CRASHED; i++) {
                Thread.sleep(100);
            }
            assertThat(redis.state()).isEqualTo(ManagedService.State.CRASHED);
            assertThat(redis.detail()).contains("exited unexpectedly");
            redis.restart();
            assertThat(redis.state()).isEqualTo(ManagedService.State.RUNNING);
        } finally {
            redis.stop();
        }
    }
}
