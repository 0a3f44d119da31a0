package dev.ollamamax.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.PortInUseException;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.PortPlan;
import dev.ollamamax.shared.ports.ServiceId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PortConflictMessageTest {

    private final long pid = ProcessHandle.current().pid();

    @TempDir
    Path home;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void namesTheServiceThePortTheHolderAndAFreePortNoOtherServiceIsPlannedOn() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            Config config = Config.builder().set(Setting.PORT, Integer.toString(port))
                    .set(Setting.WS_PORT, Integer.toString(port + 1)).build();

            String message = PortConflictMessage.explain(new PortInUseException(ServiceId.GATEWAY, "127.0.0.1", port,
                    new BindException("Address already in use")), config);

            assertThat(message).startsWith("Cannot start: API gateway is configured on port " + port
                    + " (PORT) but that port is already in use by PID " + pid + " (")
                    .contains("user " + System.getProperty("user.name") + ").");
            Matcher m = Pattern.compile("PORT=(\\d+) \\(or --port \\1\\)\\.$").matcher(message);
            assertThat(m.find()).as(message).isTrue();
            int free = Integer.parseInt(m.group(1));
            assertThat(free).isGreaterThan(port).isNotIn(PortPlan.from(config).ports());
            try (ServerSocket s = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(free);
            }
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void serveStopsWithThatMessageAndExitCodeThreeAndNoStackTraceBeforeStartingAnyStore() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            StringWriter err = new StringWriter();

            int code = new CommandLine(new RootCommand()).setErr(new PrintWriter(err))
                    .execute("serve", "--port", Integer.toString(port), "--ws-port", "0", "--fallback-port", "0",
                            "--home", home.toString());

            assertThat(code).isEqualTo(3);
            assertThat(err.toString()).contains("Cannot start: API gateway is configured on port " + port,
                    "by PID " + pid, "Use a free port instead, e.g. PORT=")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(home.resolve("postgres")).as("PostgreSQL was never started").doesNotExist();
            assertThat(home.resolve("redis")).as("Redis was never started").doesNotExist();
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aTakenWebSocketPortIsFoundBeforeAnythingStarts() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();

            int code = new CommandLine(new RootCommand()).setErr(new PrintWriter(err))
                    .execute("serve", "--port", "0", "--ws-port", Integer.toString(held.getLocalPort()),
                            "--fallback-port", "0", "--home", home.toString());

            assertThat(code).isEqualTo(3);
            assertThat(err.toString()).contains("WebSocket server is configured on port " + held.getLocalPort());
            assertThat(Files.exists(home.resolve("postgres")) || Files.exists(home.resolve("redis")))
                    .as("no store started").isFalse();
        }
    }
}
