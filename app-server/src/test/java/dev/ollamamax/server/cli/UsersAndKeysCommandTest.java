package dev.ollamamax.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp;
import dev.ollamamax.server.WhoAmIFeature;
import dev.ollamamax.shared.config.Setting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UsersAndKeysCommandTest {

    @TempDir
    Path home;

    @Test
    void createsAUserAndAKeyThatARunningGatewayAccepts() throws Exception {
        try (Gateway gateway = TestGateways.start(TestGateways.config(home).set(Setting.REDIS_URL, "redis://127.0.0.1:1").build(),
                ctx -> List.of(new WhoAmIFeature(ctx)))) {
            TestGateways.awaitStores(gateway, false, Duration.ofSeconds(90));

            Run added = run("root password\n", "users", "add", "root", "--admin", "--password-stdin", "--home", home.toString());
            assertThat(added.code).as(added.err).isZero();
            assertThat(added.out).contains("Created user root (admin");

            Run key = run("", "keys", "create", "root", "--name", "ci", "--home", home.toString());
            assertThat(key.code).as(key.err).isZero();
            String apiKey = key.out.strip();
            assertThat(apiKey).startsWith("omx_");
            assertThat(key.err).contains("shown only now");

            TestHttp.Response r = TestHttp.get(TestGateways.url(gateway, Listener.PRIMARY, "/v1/whoami"), "x-api-key", apiKey);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("user").asText()).isEqualTo("root");
            assertThat(TestHttp.post(TestGateways.url(gateway, Listener.PRIMARY, "/auth/login"),
                    TestHttp.json("username", "root", "password", "root password")).status()).isEqualTo(200);

            Run unknown = run("", "keys", "create", "nobody", "--home", home.toString());
            assertThat(unknown.code).isEqualTo(1);
            assertThat(unknown.err).contains("no user named 'nobody'");
        }
    }

    @Test
    void onlyServingKeepsTheProcessAlive() {
        assertThat(RootCommand.keepsRunning(new String[] {})).isTrue();
        assertThat(RootCommand.keepsRunning(new String[] {"--port", "13200"})).isTrue();
        assertThat(RootCommand.keepsRunning(new String[] {"serve", "-D", "AUTH_ENABLED=false"})).isTrue();
        assertThat(RootCommand.keepsRunning(new String[] {"users", "add", "bob"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"keys", "create", "bob", "--name", "x"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"--help"})).isFalse();
        assertThat(RootCommand.keepsRunning(new String[] {"serve", "--nonsense"})).isFalse();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new RootCommand()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
