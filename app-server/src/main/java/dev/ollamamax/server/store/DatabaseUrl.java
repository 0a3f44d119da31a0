package dev.ollamamax.server.store;

import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the database is: a JDBC URL without credentials, and the user and password apart, so that the
 * URL may be logged. Accepts {@code jdbc:postgresql://…} and {@code postgres[ql]://user:pass@host:port/db}.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    /** Parses {@code DATABASE_URL}; a value that is neither form is a configuration error naming the setting. */
    public static DatabaseUrl parse(String value) {
        String v = value.strip();
        if (v.startsWith("jdbc:postgresql:")) {
            return fromJdbc(v);
        }
        if (v.startsWith("postgres://") || v.startsWith("postgresql://")) {
            return fromUri(v);
        }
        throw new ConfigException(Setting.DATABASE_URL, "<hidden>",
                "a jdbc:postgresql://host:port/db URL or postgres://user:password@host:port/db");
    }

    private static DatabaseUrl fromJdbc(String v) {
        int q = v.indexOf('?');
        if (q < 0) {
            return new DatabaseUrl(v, Optional.empty(), Optional.empty());
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        List<String> kept = new ArrayList<>();
        for (String pair : v.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String val = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "user" -> user = Optional.of(val);
                case "password" -> password = Optional.of(val);
                default -> {
                    if (!pair.isEmpty()) {
                        kept.add(pair);
                    }
                }
            }
        }
        String base = v.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(base, user, password);
    }

    private static DatabaseUrl fromUri(String v) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new ConfigException(Setting.DATABASE_URL, "<hidden>", "a valid postgres:// URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(Setting.DATABASE_URL, "<hidden>", "a postgres:// URL with a host");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(info.substring(colon + 1)));
            }
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + host + ":" + port + path + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return jdbcUrl + user.map(u -> " (user " + u + ")").orElse("");
    }
}
