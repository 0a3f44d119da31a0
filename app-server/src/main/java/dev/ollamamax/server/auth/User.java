package dev.ollamamax.server.auth;

import java.time.Instant;

/** An account as stored (the password hash never leaves the auth package). */
record User(long id, String username, String role, String passwordHash, Instant createdAt, boolean disabled) {
}
