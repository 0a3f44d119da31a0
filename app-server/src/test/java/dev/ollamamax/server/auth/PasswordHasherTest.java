package dev.ollamamax.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void acceptsTheRightPasswordOnlyAndSaltsEveryHash() {
        String h1 = hasher.hash("s3cret password");
        String h2 = hasher.hash("s3cret password");
        assertThat(h1).startsWith("pbkdf2-sha256$600000$").isNotEqualTo(h2).doesNotContain("s3cret");
        assertThat(hasher.verify("s3cret password", h1)).isTrue();
        assertThat(hasher.verify("s3cret passworD", h1)).isFalse();
        assertThat(hasher.verify("s3cret password", "!")).isFalse();
        assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void oldHashesStillVerifyAndAreMarkedForRehash() {
        String old = hasher.hash("s3cret password", 310_000);
        assertThat(old).startsWith("pbkdf2-sha256$310000$");
        assertThat(hasher.verify("s3cret password", old)).isTrue();
        assertThat(PasswordHasher.needsRehash(old)).isTrue();
        assertThat(PasswordHasher.needsRehash(hasher.hash("s3cret password"))).isFalse();
    }
}
