package dev.ollamamax.server.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CORS allow-list ({@code CORS_ORIGINS}; {@code *} allows any origin). A page served by the gateway
 * itself (same origin) is always allowed.
 */
final class Cors {

    static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD";
    static final String DEFAULT_HEADERS = "Authorization, Content-Type, x-api-key";
    static final String MAX_AGE_SECONDS = "600";
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9\\-_, ]{1,2000}");

    private final List<String> origins;
    private final boolean any;

    Cors(List<String> origins) {
        this.origins = origins.stream().map(Cors::normalise).toList();
        this.any = this.origins.contains("*");
    }

    boolean allows(String origin, Optional<String> host) {
        String o = normalise(origin);
        if (any || origins.contains(o)) {
            return true;
        }
        return host.map(h -> o.equals("http://" + h.toLowerCase(Locale.ROOT)) || o.equals("https://" + h.toLowerCase(Locale.ROOT)))
                .orElse(false);
    }

    /** The headers a preflight may use: those the browser asked for (when well-formed), else the usual ones. */
    static String allowHeaders(Optional<String> requested) {
        return requested.map(String::strip).filter(r -> HEADER_LIST.matcher(r).matches()).orElse(DEFAULT_HEADERS);
    }

    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
