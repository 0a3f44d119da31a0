package dev.ollamamax.ui.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The create-key form as typed: models comma-separated, limits and expiry optional. */
public record NewKey(String name, boolean manageKeys, String models, String requestsPerMinute,
                     String tokensPerMinute, String expiresOn) {

    /** The first problem with the form, for the person; empty when it can be sent. */
    public Optional<String> problem() {
        return AccessForms.keyName(name).or(() -> AccessForms.limit(requestsPerMinute))
                .or(() -> AccessForms.limit(tokensPerMinute)).or(() -> AccessForms.date(expiresOn));
    }

    /** The body of {@code POST /auth/keys}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.strip());
        body.put("scopes", manageKeys ? List.of("keys") : List.of());
        List<String> list = models == null ? List.of()
                : java.util.Arrays.stream(models.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!list.isEmpty()) {
            body.put("models", list);
        }
        AccessForms.number(requestsPerMinute).ifPresent(n -> body.put("requests_per_minute", n));
        AccessForms.number(tokensPerMinute).ifPresent(n -> body.put("tokens_per_minute", n));
        if (expiresOn != null && !expiresOn.isBlank()) {
            body.put("expires_at", expiresOn.strip() + "T23:59:59Z");
        }
        return body;
    }
}
