package dev.ollamamax.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 10, item 9: {@code AUTH_ENABLED=false} with {@code HOST=0.0.0.0} used to start silently and serve everyone as the admin. */
class InsecureRemoteTest {

    @TempDir
    Path home;

    @Test
    void serveRefusesAuthOffOnANonLoopbackAddressAndSaysWhy() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new RootCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("serve", "--host", "0.0.0.0", "--port", "0", "--ws-port", "0", "--fallback-port", "0",
                        "-D", "AUTH_ENABLED=false", "-D", "ENABLE_LOCAL_OLLAMA=false", "--home", home.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Configuration error").contains("AUTH_ENABLED=false with HOST=0.0.0.0")
                .contains("ALLOW_INSECURE_REMOTE=true");
    }
}
