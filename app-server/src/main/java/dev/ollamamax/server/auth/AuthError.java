package dev.ollamamax.server.auth;

/** Why a credential was refused; {@link #reason()} is the {@code reason} tag of {@code ollamamax.auth.failures}. */
public enum AuthError {
    MISSING_TOKEN(401, "missing"),
    MALFORMED_TOKEN(401, "malformed"),
    EXPIRED_TOKEN(401, "expired"),
    BAD_SIGNATURE(401, "bad_signature"),
    REVOKED_SESSION(401, "revoked_session"),
    UNKNOWN_KEY(401, "unknown_key"),
    REVOKED_KEY(401, "revoked_key"),
    EXPIRED_KEY(401, "expired_key"),
    DISABLED_ACCOUNT(401, "disabled_account"),
    BAD_PASSWORD(401, "bad_password"),
    BAD_REFRESH_TOKEN(401, "bad_refresh_token"),
    UNAVAILABLE(503, "unavailable");

    private final int status;
    private final String reason;

    AuthError(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** 401, or 503 when the database needed to check the credential is unavailable. */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
