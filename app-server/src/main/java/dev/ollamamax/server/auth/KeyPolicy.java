package dev.ollamamax.server.auth;

import dev.ollamamax.server.nodes.ModelNames;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What an API key may do: its scopes ({@code keys} lets it manage keys), the models it may use (empty =
 * all), its own requests- and tokens-per-minute limits, and its expiry. An access token (JWT) carries
 * {@link #UNRESTRICTED}: a signed-in person may do all their role allows.
 */
public record KeyPolicy(Set<String> scopes, List<String> models, OptionalInt requestsPerMinute,
                        OptionalInt tokensPerMinute, Optional<Instant> expiresAt) {

    /** The scope that lets a key create, list and revoke keys. */
    public static final String KEYS_SCOPE = "keys";
    static final Set<String> KNOWN_SCOPES = Set.of(KEYS_SCOPE);
    public static final KeyPolicy UNRESTRICTED = new KeyPolicy(Set.of(KEYS_SCOPE), List.of(), OptionalInt.empty(),
            OptionalInt.empty(), Optional.empty());

    public KeyPolicy {
        scopes = Set.copyOf(scopes);
        models = List.copyOf(models);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** Whether the model is allowed; names compare as Ollama does ({@code qwen} = {@code qwen:latest}). */
    public boolean allowsModel(String model) {
        return models.isEmpty() || models.stream().anyMatch(m -> ModelNames.same(m, model));
    }
}
