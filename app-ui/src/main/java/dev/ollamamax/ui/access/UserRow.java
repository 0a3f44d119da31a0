package dev.ollamamax.ui.access;

import com.fasterxml.jackson.databind.JsonNode;

/** One account as {@code GET /auth/users} lists it. */
public record UserRow(long id, String username, String role, boolean disabled, String createdAt) {

    static UserRow of(JsonNode u) {
        return new UserRow(u.path("id").asLong(), u.path("username").asText(""), u.path("role").asText("user"),
                u.path("disabled").asBoolean(false), KeyRow.minute(u.path("created_at").asText("")));
    }

    public boolean admin() {
        return "admin".equals(role);
    }
}
