package dev.ollamamax.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void acceptsTheRightPasswordOnlyAndSaltsEveryHash() {
        String h1 = hasher.hash("s3cret password");
        String h2 = hasher.hash("s3cret password");
        assertThat(h1).startsWith("pbkdf2-sha256$310000$").isNotEqualTo(h2).doesNotContain("s3cret");
        assertThat(hasher.verify("s3cret password", h1)).isTrue();
        assertThat(hasher.verify("s3cret passworD", h1)).isFalse();
        assertThat(hasher.verify("s3cret password", "!")).isFalse();
        assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(310_000);
    }
}
