package dev.ollamamax.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.testing.Conditions;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServiceTest {

    @TempDir
    Path home;

    @Test
    void keepsDataAcrossRestartsAndRefusesConnectionsWithoutThePassword() throws Exception {
        EmbeddedPostgresService pg = new EmbeddedPostgresService(home, 0);
        try {
            pg.start();
            assertThat(pg.state()).isEqualTo(ManagedService.State.RUNNING);
            assertThat(pg.pid()).isPresent();
            DatabaseUrl url = pg.url().orElseThrow();
            try (Connection c = connect(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v TEXT)");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url.jdbcUrl(), "postgres", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThat(SecretFile.isOwnerOnly(home.resolve("postgres-password"))).isTrue();

            ProcessHandle old = ProcessHandle.of(pg.pid().orElseThrow()).orElseThrow();
            pg.restart();

            try (Connection c = connect(pg.url().orElseThrow()); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT v FROM kept")).isEqualTo("still here");
                assertThat(single(s, "SHOW fsync")).isEqualTo("on");
                assertThat(single(s, "SHOW synchronous_commit")).isEqualTo("on");
                assertThat(single(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            }
            assertThat(pg.recentLog()).isNotEmpty();
            Conditions.await(Duration.ofSeconds(10), () -> !old.isAlive(), "the old server to exit");
            Conditions.holdsFor(Duration.ofMillis(500), () -> pg.state() == ManagedService.State.RUNNING,
                    "the old server's exit is not taken for a crash of the new one");
        } finally {
            pg.stop();
        }
        assertThat(pg.state()).isEqualTo(ManagedService.State.STOPPED);
    }

    @Test
    void takesAnotherPortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            EmbeddedPostgresService pg = new EmbeddedPostgresService(home, taken.getLocalPort());
            try {
                pg.start();
                assertThat(pg.port()).isPresent().get().isNotEqualTo(taken.getLocalPort());
            } finally {
                pg.stop();
            }
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user().orElseThrow(), url.password().orElseThrow());
    }
}
