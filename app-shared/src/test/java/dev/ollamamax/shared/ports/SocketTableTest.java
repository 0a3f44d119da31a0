package dev.ollamamax.shared.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SocketTableTest {

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void findsAServerSocketOfThisJvmWithItsPidCommandAndUser() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Listening> listening = SocketTable.system().listening();

            Listening mine = listening.stream().filter(l -> l.port() == server.getLocalPort()).findFirst().orElseThrow();
            assertThat(mine.address()).isEqualTo("127.0.0.1");
            Holder holder = mine.holder().orElseThrow();
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.program()).isEqualTo("java");
            assertThat(holder.user()).isEqualTo(System.getProperty("user.name"));
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aClosedSocketIsNoLongerListed() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertThat(SocketTable.system().listening()).noneMatch(l -> l.port() == port);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void namesTheChildProcessHoldingAPort() throws Exception {
        try (ChildListener child = ChildListener.start(ChildListener.javaExecutable())) {
            Listening l = SocketTable.system().listening().stream().filter(x -> x.port() == child.port())
                    .findFirst().orElseThrow();
            assertThat(l.holder().map(Holder::pid)).contains(child.pid());
            assertThat(l.holder().orElseThrow().command()).contains(HoldPort.class.getName());
        }
    }

    @Test
    void decodesKernelHexAddresses() throws Exception {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        assertThat(ProcNetTable.address("0100007F", false)).isEqualTo("127.0.0.1");
        assertThat(ProcNetTable.address("00000000", false)).isEqualTo("0.0.0.0");
        assertThat(ProcNetTable.address("00000000000000000000000000000000", true)).isEqualTo("::");
        assertThat(ProcNetTable.address("00000000000000000000000001000000", true)).isEqualTo("::1");
    }

    @Test
    void readsLsofFieldOutput() {
        String out = """
                p812
                cpostgres
                Lpostgres
                f7
                n127.0.0.1:5432
                f8
                n[::1]:5432
                p1500
                collama
                Lalice
                f3
                n*:11434
                """;
        assertThat(LsofTable.parse(out)).containsExactly(
                new Listening("127.0.0.1", 5432, Optional.of(new Holder(812, "postgres", "postgres"))),
                new Listening("::1", 5432, Optional.of(new Holder(812, "postgres", "postgres"))),
                new Listening("*", 11434, Optional.of(new Holder(1500, "ollama", "alice"))));
    }

    @Test
    void readsNetstatListeningLinesWhateverTheLanguageOfTheStateColumn() {
        String out = """
                Aktive Verbindungen

                  Proto  Lokale Adresse         Remoteadresse          Status           PID
                  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1044
                  TCP    127.0.0.1:11434        0.0.0.0:0              ABHÖREN          7720
                  TCP    127.0.0.1:50000        127.0.0.1:11434        HERGESTELLT      9000
                  TCP    [::]:445               [::]:0                 ABHÖREN          4
                """;
        assertThat(NetstatTable.parse(out)).extracting(Listening::address, Listening::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0.0.0.0", 135),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1", 11434),
                        org.assertj.core.groups.Tuple.tuple("::", 445));
        assertThat(NetstatTable.parseTasklist("\"ollama.exe\",\"7720\",\"Console\",\"1\",\"120.000 K\""))
                .containsEntry(7720L, "ollama.exe");
        assertThat(new Holder(7720, "ollama.exe", "").isOllama()).isTrue();
    }
}
