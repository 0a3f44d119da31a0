package dev.ollamamax.server;

import dev.ollamamax.server.auth.AuthError;
import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.auth.AuthResult;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.auth.RateLimiter;
import dev.ollamamax.server.chat.ChatAuth;
import dev.ollamamax.server.chat.ChatPrincipal;
import dev.ollamamax.server.chat.ConversationSink;
import dev.ollamamax.server.chat.ConversationTurn;
import dev.ollamamax.server.conversations.ConversationStore;
import dev.ollamamax.server.conversations.NewMessage;
import dev.ollamamax.server.usage.UsageEvent;
import dev.ollamamax.server.usage.UsageSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Plugs the gateway's authenticator and conversation store into the chat feature. */
final class ChatWiring {

    private static final Logger LOG = Logger.getLogger(ChatWiring.class.getName());

    private ChatWiring() {
    }

    /**
     * JWT access tokens and API keys, checked like on the HTTP APIs; no auth when it is switched off. An open
     * connection's credential is checked again against the stores (logout, revocation, the user's current
     * role), and its inferences count against the same rate limiter as HTTP requests.
     */
    static ChatAuth auth(AuthFeature auth) {
        if (!auth.enabled()) {
            return ChatAuth.none();
        }
        return new ChatAuth() {
            @Override
            public boolean required() {
                return true;
            }

            @Override
            public Optional<ChatPrincipal> authenticate(String token) {
                return auth.authenticator().authenticate(token).map(p -> principal(p, auth.rateLimiter()));
            }

            @Override
            public Recheck recheck(String token, ChatPrincipal principal) {
                AuthResult result = auth.authenticator().verify(token);
                if (result.error().filter(e -> e == AuthError.UNAVAILABLE).isPresent()) {
                    return Recheck.UNKNOWN;
                }
                Optional<Principal> now = result.principal();
                if (now.isEmpty() || !now.get().username().equals(principal.user())) {
                    return Recheck.REFUSED;
                }
                try {
                    Optional<String> role = auth.accounts().roleOf(now.get().userId());
                    return role.filter(principal.role()::equals).isPresent() ? Recheck.VALID : Recheck.REFUSED;
                } catch (Exception e) {
                    return Recheck.UNKNOWN;
                }
            }

            @Override
            public Optional<Duration> tryAcquire(ChatPrincipal principal) {
                return principal.acquire().get();
            }
        };
    }

    private static ChatPrincipal principal(Principal p, RateLimiter limiter) {
        Optional<Instant> expires = p.expiresAt().equals(Instant.MAX) ? Optional.empty() : Optional.of(p.expiresAt());
        return new ChatPrincipal(p.username(), p.role(), expires, model -> p.modelRefusal(model).isEmpty(),
                p.policy().models(), p.userId(), p.apiKeyId(), () -> {
                    RateLimiter.Decision d = limiter.tryAcquire(p);
                    return d.allowed() ? Optional.empty() : Optional.of(d.retryAfter());
                });
    }

    /** Stores each finished turn of a chat that names a {@code conversation_id}, under its user. */
    static ConversationSink conversations(ConversationStore store, AuthFeature auth) {
        return (ConversationTurn turn) -> {
            try {
                Optional<Long> userId = turn.user().filter(u -> !u.equals("anonymous"))
                        .flatMap(u -> userId(auth, u))
                        .or(() -> auth.localPrincipal().map(Principal::userId));
                if (userId.isEmpty()) {
                    LOG.warning("Chat turn of conversation " + turn.conversationId() + " not stored: unknown user");
                    return;
                }
                NewMessage answer = NewMessage.assistant(turn.assistantAnswer(), turn.model(), turn.node(),
                        (int) turn.usage().promptTokens(), (int) turn.usage().completionTokens(), turn.thinking());
                NewMessage question = NewMessage.user(turn.userMessage(), turn.userImages());
                if (turn.regenerate()) {
                    store.answerAgain(userId.get(), turn.conversationId(), turn.turn(), turn.userMessage(), answer);
                } else if (turn.edit()) {
                    store.branch(userId.get(), turn.conversationId(), turn.turn(), question, answer);
                } else {
                    store.append(userId.get(), turn.conversationId(), List.of(question, answer));
                }
            } catch (Exception e) {
                LOG.warning("Chat turn of conversation " + turn.conversationId() + " not stored: " + e.getMessage());
            }
        };
    }

    /**
     * Reports chat generations to the usage log; those of anonymous connections (auth off) count under the
     * reserved {@code (local)} account, like HTTP requests do, and are dropped while it cannot be resolved.
     */
    static UsageSink usage(UsageSink log, AuthFeature auth) {
        return (UsageEvent e) -> {
            if (e.userId() != 0) {
                log.record(e);
                return;
            }
            auth.localPrincipal().ifPresent(local -> log.record(new UsageEvent(e.at(), local.userId(), Optional.empty(),
                    e.endpoint(), e.model(), e.node(), e.listener(), e.promptTokens(), e.completionTokens(), e.ttftMillis(),
                    e.durationMillis(), e.outcome(), e.errorKind())));
        };
    }

    private static Optional<Long> userId(AuthFeature auth, String username) {
        try {
            return auth.accounts().idOf(username);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
