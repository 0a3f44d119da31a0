package dev.ollamamax.server.store;

import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/** Where Redis is, parsed from {@code redis://[user:password@]host[:port][/db]} ({@code rediss://} for TLS). */
public record RedisEndpoint(String host, int port, Optional<String> user, Optional<String> password, int database,
                            boolean tls) {

    static final int TIMEOUT_MILLIS = 1000;

    public static RedisEndpoint parse(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException(Setting.REDIS_URL, "<hidden>", "a redis://host:port URL (" + e.getReason() + ")");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException(Setting.REDIS_URL, "<hidden>", "a redis://[user:password@]host:port[/db] URL");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            String u = decode(colon < 0 ? info : info.substring(0, colon));
            user = u.isEmpty() ? Optional.empty() : Optional.of(u);
            password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
        }
        int db = 0;
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        if (!path.isEmpty()) {
            try {
                db = Integer.parseInt(path);
            } catch (NumberFormatException e) {
                throw new ConfigException(Setting.REDIS_URL, "<hidden>", "a database number after the port, e.g. /0");
            }
        }
        return new RedisEndpoint(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user, password, db,
                "rediss".equals(uri.getScheme()));
    }

    static RedisEndpoint local(int port, String password) {
        return new RedisEndpoint("127.0.0.1", port, Optional.empty(), Optional.of(password), 0, false);
    }

    /** The URL with its password, for {@code REDIS_URL} of another gateway (tests share one Redis this way). */
    public String url() {
        String auth = password.map(p -> user.orElse("") + ":" + p + "@").orElse(user.map(u -> u + "@").orElse(""));
        return (tls ? "rediss" : "redis") + "://" + auth + host + ":" + port + "/" + database;
    }

    HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    JedisClientConfig clientConfig(String clientName) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .resp2()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .database(database)
                .ssl(tls)
                .clientName(clientName);
        user.ifPresent(b::user);
        password.ifPresent(b::password);
        return b.build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (tls ? "rediss" : "redis") + "://" + host + ":" + port + "/" + database;
    }
}
