package dev.ollamamax.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.shared.config.ConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsingTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void postgresUrlsBecomeJdbcUrlsWithCredentialsApart() {
        DatabaseUrl u = DatabaseUrl.parse("postgres://app:p%40ss@db.local:6543/ollamamax?sslmode=require");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/ollamamax?sslmode=require");
        assertThat(u.user()).hasValue("app");
        assertThat(u.password()).hasValue("p@ss");
        assertThat(u.toString()).doesNotContain("p@ss");
        assertThat(DatabaseUrl.parse("postgresql://db/x").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/x");
    }

    @Test
    void jdbcUrlsLoseTheirPasswordSoTheyCanBeLogged() {
        DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/db?user=me&password=secret&ssl=false");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db?ssl=false");
        assertThat(u.user()).hasValue("me");
        assertThat(u.password()).hasValue("secret");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db").password()).isEmpty();
    }

    @Test
    void otherDatabaseUrlsAreAConfigurationErrorThatNamesTheSetting() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x/y")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL").hasMessageNotContaining("mysql");
    }

    @Test
    void redisUrls() {
        RedisEndpoint e = RedisEndpoint.parse("rediss://user:pw@cache:6380/2");
        assertThat(e).isEqualTo(new RedisEndpoint("cache", 6380, Optional.of("user"), Optional.of("pw"), 2, true));
        assertThat(e.toString()).doesNotContain("pw");
        assertThat(RedisEndpoint.parse("redis://localhost").port()).isEqualTo(6379);
        assertThat(RedisEndpoint.parse(e.url())).isEqualTo(e);
        assertThatThrownBy(() -> RedisEndpoint.parse("http://x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("REDIS_URL");
    }

    @Test
    void responseCacheKeysIgnoreKeyOrderButNotContent() throws Exception {
        String k1 = ResponseCache.key("user:1", "/v1/chat/completions", json.readTree("{\"model\":\"m\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        String k2 = ResponseCache.key("user:1", "/v1/chat/completions", json.readTree("{\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],\"temperature\":0,\"model\":\"m\"}"));
        String k3 = ResponseCache.key("user:1", "/v1/chat/completions", json.readTree("{\"model\":\"m\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"ho\"}]}"));
        String k4 = ResponseCache.key("user:1", "/api/chat", json.readTree("{\"model\":\"m\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(k1).isEqualTo(k2).hasSize(64);
        assertThat(k1).isNotEqualTo(k3).isNotEqualTo(k4);
        String otherUser = ResponseCache.key("user:2", "/v1/chat/completions", json.readTree("{\"model\":\"m\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(otherUser).isNotEqualTo(k1);
    }

    @Test
    void deterministicMeansTemperatureZeroOrASeed() throws Exception {
        assertThat(ResponseCache.isDeterministic(json.readTree("{\"temperature\":0}"))).isTrue();
        assertThat(ResponseCache.isDeterministic(json.readTree("{\"seed\":42,\"temperature\":0.7}"))).isTrue();
        assertThat(ResponseCache.isDeterministic(json.readTree("{\"options\":{\"temperature\":0.0}}"))).isTrue();
        assertThat(ResponseCache.isDeterministic(json.readTree("{\"temperature\":0.2}"))).isFalse();
        assertThat(ResponseCache.isDeterministic(json.readTree("{}"))).isFalse();
    }
}
