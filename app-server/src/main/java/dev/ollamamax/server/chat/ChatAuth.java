package dev.ollamamax.server.chat;

import java.util.Optional;

/**
 * How chat connections authenticate. The gateway's real authenticator (JWT access tokens and API keys)
 * is plugged in through this interface; {@link #none()} serves {@code AUTH_ENABLED=false}.
 */
public interface ChatAuth {

    /** Whether a connection must authenticate before anything else. */
    boolean required();

    /** The principal for a JWT access token or API key, or empty when it is not valid (bad, expired, revoked). */
    Optional<ChatPrincipal> authenticate(String token);

    /** The outcome of checking an open connection's credential again. */
    enum Recheck {
        /** Still valid, for the same user and role. */
        VALID,
        /** Logged out, revoked, expired, password or role changed: the session ends. */
        REFUSED,
        /** Cannot be checked right now (the store is down): the session goes on, and is checked again soon. */
        UNKNOWN
    }

    /**
     * Checks the credential an open connection authenticated with, against who it authenticated as. By
     * default: authenticate again, and the same user and role must come back.
     */
    default Recheck recheck(String token, ChatPrincipal principal) {
        return authenticate(token).filter(p -> p.user().equals(principal.user()) && p.role().equals(principal.role()))
                .isPresent() ? Recheck.VALID : Recheck.REFUSED;
    }

    /**
     * Counts one inference against the subject's rate limit (the HTTP APIs' limiter); empty when allowed,
     * else how long to wait. By default there is no limit.
     */
    default Optional<java.time.Duration> tryAcquire(ChatPrincipal principal) {
        return Optional.empty();
    }

    /** No authentication: every connection may chat; an {@code auth} frame is accepted as anonymous. */
    static ChatAuth none() {
        return new ChatAuth() {
            @Override
            public boolean required() {
                return false;
            }

            @Override
            public Optional<ChatPrincipal> authenticate(String token) {
                return Optional.of(new ChatPrincipal("anonymous", "user", Optional.empty()));
            }
        };
    }

    /**
     * Authentication is required but nothing can check tokens yet: every token is refused. Used when
     * {@code AUTH_ENABLED=true} and no authenticator has been plugged in, so chat is never open by mistake.
     */
    static ChatAuth refuseAll() {
        return new ChatAuth() {
            @Override
            public boolean required() {
                return true;
            }

            @Override
            public Optional<ChatPrincipal> authenticate(String token) {
                return Optional.empty();
            }
        };
    }
}
