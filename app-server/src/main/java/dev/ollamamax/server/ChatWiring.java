package dev.ollamamax.server;

import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.chat.ChatAuth;
import dev.ollamamax.server.chat.ChatPrincipal;
import dev.ollamamax.server.chat.ConversationSink;
import dev.ollamamax.server.chat.ConversationTurn;
import dev.ollamamax.server.conversations.ConversationStore;
import dev.ollamamax.server.conversations.NewMessage;
import dev.ollamamax.server.usage.UsageEvent;
import dev.ollamamax.server.usage.UsageSink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Plugs the gateway's authenticator and conversation store into the chat feature. */
final class ChatWiring {

    private static final Logger LOG = Logger.getLogger(ChatWiring.class.getName());

    private ChatWiring() {
    }

    /** JWT access tokens and API keys, checked like on the HTTP APIs; no auth when it is switched off. */
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
                return auth.authenticator().authenticate(token).map(ChatWiring::principal);
            }
        };
    }

    private static ChatPrincipal principal(Principal p) {
        Optional<Instant> expires = p.expiresAt().equals(Instant.MAX) ? Optional.empty() : Optional.of(p.expiresAt());
        return new ChatPrincipal(p.username(), p.role(), expires, model -> p.modelRefusal(model).isEmpty(),
                p.policy().models(), p.userId(), p.apiKeyId());
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
                        (int) turn.usage().promptTokens(), (int) turn.usage().completionTokens());
                if (turn.regenerate()) {
                    store.answerAgain(userId.get(), turn.conversationId(), turn.turn(), turn.userMessage(), answer);
                } else {
                    store.append(userId.get(), turn.conversationId(), List.of(NewMessage.user(turn.userMessage()), answer));
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
