package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.ServerFrame.ErrorFrame;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatAuthTest {

    static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    /** Accepts one token; a token "boom" makes the check itself fail, as a store that is down would. */
    static final ChatAuth ONE_TOKEN = new ChatAuth() {
        @Override
        public boolean required() {
            return true;
        }

        @Override
        public Optional<ChatPrincipal> authenticate(String token) {
            if (token.equals("boom")) {
                throw new IllegalStateException("token store unreachable");
            }
            return token.equals("good-token") ? Optional.of(new ChatPrincipal("ada", "admin", Optional.of(EXPIRY))) : Optional.empty();
        }
    };

    @TempDir
    Path home;
    FakeOllama node;
    ChatGateway gw;
    final List<ConversationTurn> turns = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        node = FakeOllama.start().reply("llama3.2", List.of("Hi", " there")).loaded("llama3.2");
        gw = ChatGateway.withChat(home, ONE_TOKEN, turns::add, node);
    }

    @AfterEach
    void stop() {
        gw.close();
        node.close();
    }

    @Test
    void untilAuthenticatedEveryOtherFrameIsUnauthorized() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            assertThat(ws.next(ServerFrame.Hello.class).authRequired()).isTrue();
            for (ClientFrame f : List.<ClientFrame>of(ClientFrame.Inference.of("i1", "llama3.2", "hi"), new ClientFrame.Ping(1L),
                    new ClientFrame.GetNodes(), new ClientFrame.Cancel("i1"))) {
                ws.send(f);
                ErrorFrame e = ws.next(ErrorFrame.class);
                assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(e.message()).contains("not authenticated");
            }
            ws.send(new ClientFrame.Auth("wrong"));
            assertThat(ws.next(ErrorFrame.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            ws.send(new ClientFrame.Auth("good-token"));
            ServerFrame.AuthOk ok = ws.next(ServerFrame.AuthOk.class);
            assertThat(ok.user()).isEqualTo("ada");
            assertThat(ok.role()).isEqualTo("admin");
            assertThat(ok.expiresAt()).isEqualTo("2030-01-01T00:00:00Z");
            ws.send(new ClientFrame.Ping(2L));
            assertThat(ws.next(ServerFrame.Pong.class).timestamp()).isEqualTo(2L);
        }
    }

    @Test
    void aBearerHeaderAuthenticatesTheUpgrade() {
        try (TestWs ws = gw.connect(Listener.WEBSOCKET, "", Map.of("Authorization", "Bearer good-token"))) {
            ws.next(ServerFrame.Hello.class);
            assertThat(ws.next(ServerFrame.AuthOk.class).user()).isEqualTo("ada");
            ws.send(new ClientFrame.Ping(3L));
            assertThat(ws.next(ServerFrame.Pong.class).timestamp()).isEqualTo(3L);
        }
    }

    @Test
    void aTokenQueryParameterAuthenticatesTheUpgradeOnEveryListener() {
        for (Listener listener : Listener.values()) {
            try (TestWs ws = gw.connect(listener, "?token=good-token", Map.of())) {
                ws.next(ServerFrame.Hello.class);
                assertThat(ws.next(ServerFrame.AuthOk.class).user()).isEqualTo("ada");
            }
        }
    }

    @Test
    void aBadUpgradeTokenLeavesTheConnectionOpenButUnauthenticated() {
        try (TestWs ws = gw.connect(Listener.PRIMARY, "?token=stale", Map.of())) {
            ws.next(ServerFrame.Hello.class);
            assertThat(ws.next(ErrorFrame.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            ws.send(new ClientFrame.Auth("good-token"));
            ws.next(ServerFrame.AuthOk.class);
        }
    }

    @Test
    void aFailingTokenCheckIsAnInternalErrorAndNotALogin() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(new ClientFrame.Auth("boom"));
            ErrorFrame e = ws.next(ErrorFrame.class);
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e.message()).doesNotContain("token store unreachable");
            ws.send(new ClientFrame.Ping(1L));
            assertThat(ws.next(ErrorFrame.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        }
    }

    @Test
    void finishedTurnsGoToTheConversationSink() {
        try (TestWs ws = gw.connect(Listener.PRIMARY, "?token=good-token", Map.of())) {
            ws.send(new ClientFrame.Inference("t1", "llama3.2", null, "Hello?", "conv-1", null, null));
            ws.generation("t1");
        }
        ChatControlTest.awaitTrue(() -> !turns.isEmpty());
        ConversationTurn turn = turns.getFirst();
        assertThat(turn.conversationId()).isEqualTo("conv-1");
        assertThat(turn.user()).contains("ada");
        assertThat(turn.userMessage()).isEqualTo("Hello?");
        assertThat(turn.assistantAnswer()).isEqualTo("Hi there");
        assertThat(turn.model()).isEqualTo("llama3.2");
        assertThat(turn.node()).isEqualTo("127.0.0.1:" + node.port());
        assertThat(turn.usage().completionTokens()).isEqualTo(2);
    }

    @Test
    void withAuthEnabledAndNoAuthenticatorPluggedInEveryTokenIsRefused() throws Exception {
        try (ChatGateway strict = ChatGateway.start(home.resolve("strict"), c -> c.set(Setting.AUTH_ENABLED, "true"), node);
             TestWs ws = strict.connect(Listener.PRIMARY, "?token=anything", Map.of())) {
            assertThat(ws.next(ServerFrame.Hello.class).authRequired()).isTrue();
            assertThat(ws.next(ErrorFrame.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        }
    }
}
