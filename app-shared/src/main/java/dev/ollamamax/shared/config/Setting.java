package dev.ollamamax.shared.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting the product knows, with its environment name (the seed's {@code .env} names where
 * they exist), its kebab-case key, its built-in default and whether it is a secret.
 */
public enum Setting {
    HOST("HOST", "host", "127.0.0.1", "Address the gateway listeners bind to (loopback by default)", false),
    PORT("PORT", "port", "13100", "Primary listener: REST, OpenAI and Ollama APIs, WS /chat", false, "API_PORT"),
    WS_PORT("WS_PORT", "ws-port", "13101", "WebSocket-server listener (WS /chat, node events)", false),
    FALLBACK_PORT("FALLBACK_PORT", "fallback-port", "13102", "Fallback listener (WS /chat)", false),
    BACKEND_API_PORT("BACKEND_API_PORT", "backend-api-port", "8080", "Backend (cluster/inference) API", false, "GO_API_PORT"),
    BACKEND_WEB_PORT("BACKEND_WEB_PORT", "backend-web-port", "8081", "Backend web interface", false),
    OLLAMA_PORT("OLLAMA_PORT", "ollama-port", "11434", "Local Ollama engine", false),
    POSTGRES_PORT("POSTGRES_PORT", "postgres-port", "5432", "PostgreSQL (embedded server's preferred port)", false),
    REDIS_PORT("REDIS_PORT", "redis-port", "6379", "Redis (embedded server's preferred port)", false),
    GRAFANA_PORT("GRAFANA_PORT", "grafana-port", "3001", "Grafana dashboards", false),
    PROMETHEUS_PORT("PROMETHEUS_PORT", "prometheus-port", "9090", "Prometheus", false),
    OLLAMA_NODES("OLLAMA_NODES", "ollama-nodes", "", "Comma-separated Ollama node URLs", false),
    MODEL_ALIASES("MODEL_ALIASES", "model-aliases", "", "Model aliases with fallbacks, name=model[,fallback…] separated by ';' (e.g. coder=qwen2.5-coder:32b,qwen2.5-coder:7b;fast=llama3.2:1b): a request for the name goes to the first model some healthy node serves; the admin API /api/v1/aliases adds more (stored in PostgreSQL)", false),
    ENABLE_LOCAL_OLLAMA("ENABLE_LOCAL_OLLAMA", "enable-local-ollama", "true", "Add http://127.0.0.1:<ollama-port> as a node", false),
    OLLAMA_BINARY("OLLAMA_BINARY", "ollama-binary", "", "The ollama program the desktop starts local nodes with; looked up on the PATH when empty", false),
    ENABLE_OLLAMA_DISCOVERY("ENABLE_OLLAMA_DISCOVERY", "enable-ollama-discovery", "false", "Scan local discovery ports for Ollama servers", false),
    DISCOVERY_PORTS("DISCOVERY_PORTS", "discovery-ports", "11434-11444", "Local ports scanned when discovery is on", false),
    NODE_PROBE_INTERVAL_MS("NODE_PROBE_INTERVAL_MS", "node-probe-interval-ms", "5000", "How often each node is probed", false),
    NODE_COOLDOWN_MS("NODE_COOLDOWN_MS", "node-cooldown-ms", "10000", "How long a failed node is kept out of routing", false),
    UPSTREAM_CONNECT_TIMEOUT_MS("UPSTREAM_CONNECT_TIMEOUT_MS", "upstream-connect-timeout-ms", "2000", "Connect timeout to Ollama nodes", false),
    STREAM_IDLE_TIMEOUT_MS("STREAM_IDLE_TIMEOUT_MS", "stream-idle-timeout-ms", "120000", "A stream whose node sends nothing for this long is ended with an error", false),
    NODE_ALLOWED_NETWORKS("NODE_ALLOWED_NETWORKS", "node-allowed-networks", "", "CIDR list (e.g. 169.254.10.0/24,fe80::/10) of link-local or cloud-metadata addresses nodes may nevertheless use; refused by default", false),
    NODE_FIRST_BYTE_TIMEOUT_MS("NODE_FIRST_BYTE_TIMEOUT_MS", "node-first-byte-timeout-ms", "600000", "How long a node may take to start answering (loading a model, or a whole non-streamed answer)", false),
    NODE_MAX_HEADER_BYTES("NODE_MAX_HEADER_BYTES", "node-max-header-bytes", "16384", "Longest status or header line accepted from a node", false),
    NODE_MAX_HEADERS("NODE_MAX_HEADERS", "node-max-headers", "100", "Most header lines accepted in one answer from a node", false),
    NODE_MAX_LINE_BYTES("NODE_MAX_LINE_BYTES", "node-max-line-bytes", "16777216", "Longest NDJSON line (one streamed piece, or a whole non-streamed answer) accepted from a node", false),
    NODE_MAX_BODY_BYTES("NODE_MAX_BODY_BYTES", "node-max-body-bytes", "67108864", "Largest non-streamed body (tags, ps, show, delete, copy) accepted from a node", false),
    MAX_BODY_BYTES("MAX_BODY_BYTES", "max-body-bytes", "8388608", "Largest accepted HTTP request body, read whole or declared (model blobs: MAX_BLOB_BYTES)", false),
    MAX_BLOB_BYTES("MAX_BLOB_BYTES", "max-blob-bytes", "107374182400", "Largest model blob accepted by POST /api/blobs/:digest (streamed to a node, never held in memory); every other request body is limited by MAX_BODY_BYTES", false),
    WS_MAX_FRAME_BYTES("WS_MAX_FRAME_BYTES", "ws-max-frame-bytes", "1048576", "Largest accepted WebSocket frame", false),
    WS_HEARTBEAT_MS("WS_HEARTBEAT_MS", "ws-heartbeat-ms", "15000", "A chat connection silent this long is pinged; silent three times this long, it is closed", false),
    WS_METRICS_INTERVAL_MS("WS_METRICS_INTERVAL_MS", "ws-metrics-interval-ms", "5000", "How often metrics_update is pushed to chat clients subscribed to metrics", false),
    WS_MAX_OUTBOUND_BYTES("WS_MAX_OUTBOUND_BYTES", "ws-max-outbound-bytes", "4194304", "Bytes queued for one chat connection that does not read before it is dropped (close code 1008)", false),
    WS_MAX_CONCURRENT_GENERATIONS("WS_MAX_CONCURRENT_GENERATIONS", "ws-max-concurrent-generations", "8", "Generations one user may run at once over all their chat connections", false),
    WS_IDLE_TIMEOUT_MS("WS_IDLE_TIMEOUT_MS", "ws-idle-timeout-ms", "900000", "A chat connection whose client sends no message (and runs no generation) for this long is closed (code 1000)", false),
    WS_AUTH_RECHECK_MS("WS_AUTH_RECHECK_MS", "ws-auth-recheck-ms", "2000", "How often the credential of an open chat connection is checked again (logout, revocation, role change, expiry)", false),
    AUTH_ENABLED("AUTH_ENABLED", "auth-enabled", "true", "Require a JWT or API key on /v1, /api, /api/v1 and /chat", false),
    ALLOW_REGISTRATION("ALLOW_REGISTRATION", "allow-registration", "false", "Whether /auth/register accepts new users (always with the user role)", false),
    ALLOWED_HOSTS("ALLOWED_HOSTS", "allowed-hosts", "", "Host names accepted besides loopback names, IP addresses and HOST (comma-separated, *.domain wildcards; * accepts any)", false),
    ALLOW_INSECURE_REMOTE("ALLOW_INSECURE_REMOTE", "allow-insecure-remote", "false", "Allow AUTH_ENABLED=false on a non-loopback HOST (everyone who reaches it is the admin)", false),
    JWT_SECRET("JWT_SECRET", "jwt-secret", "", "HS256 secret; generated into the data folder when empty", true),
    JWT_TTL_SECONDS("JWT_TTL_SECONDS", "jwt-ttl-seconds", "3600", "Access token lifetime", false),
    CORS_ORIGINS("CORS_ORIGINS", "cors-origins", "http://localhost:13100,http://localhost:3000", "Allowed browser origins", false, "ALLOWED_ORIGINS"),
    REFRESH_TTL_SECONDS("REFRESH_TTL_SECONDS", "refresh-ttl-seconds", "2592000", "Refresh token lifetime (30 days)", false),
    RATE_LIMIT_PER_MINUTE("RATE_LIMIT_PER_MINUTE", "rate-limit-per-minute", "600", "Requests per minute per user (all their keys and tokens together)", false),
    LOGIN_RATE_LIMIT_PER_MINUTE("LOGIN_RATE_LIMIT_PER_MINUTE", "login-rate-limit-per-minute", "20", "Login, register and refresh attempts per minute per client address", false),
    CACHE_RESPONSES("CACHE_RESPONSES", "cache-responses", "false", "Answer identical deterministic (temperature 0 or a seed) non-streamed generations from Redis, per user", false),
    RESPONSE_CACHE_TTL_SECONDS("RESPONSE_CACHE_TTL_SECONDS", "response-cache-ttl-seconds", "600", "How long a cached response is kept", false),
    DB_POOL_SIZE("DB_POOL_SIZE", "db-pool-size", "10", "Largest number of pooled PostgreSQL connections", false),
    CLUSTER_ID("CLUSTER_ID", "cluster-id", "default", "Gateways with the same id on one Redis share the nodes added through the API", false),
    DATABASE_URL("DATABASE_URL", "database-url", "", "External PostgreSQL (jdbc:postgresql://… or postgres://…); embedded when empty", true),
    REDIS_URL("REDIS_URL", "redis-url", "", "External Redis (redis://…); embedded when empty", true),
    OLLAMAMAX_HOME("OLLAMAMAX_HOME", "ollamamax-home", "", "Data folder; per-OS default when empty", false),
    LOG_LEVEL("LOG_LEVEL", "log-level", "INFO", "Level of the gateway's own log: ERROR, WARN, INFO, DEBUG or TRACE", false),
    UI_THEME("UI_THEME", "ui-theme", "light", "Desktop theme: light or dark", false);

    private final String envName;
    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;
    private final List<String> aliases;

    Setting(String envName, String key, String defaultValue, String description, boolean secret, String... aliases) {
        this.envName = envName;
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
        this.aliases = List.of(aliases);
    }

    public String envName() {
        return envName;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean secret() {
        return secret;
    }

    /** Older names accepted for the same value (the seed used {@code API_PORT} for the primary port). */
    public List<String> aliases() {
        return aliases;
    }

    /** Finds a setting by environment name, alias or kebab-case key. */
    public static Optional<Setting> find(String name) {
        return Arrays.stream(values())
                .filter(s -> s.envName.equalsIgnoreCase(name) || s.key.equalsIgnoreCase(name)
                        || s.aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name)))
                .findFirst();
    }
}
