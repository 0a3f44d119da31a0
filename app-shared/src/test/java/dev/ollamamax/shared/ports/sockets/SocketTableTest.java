package dev.ollamamax.shared.ports.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SocketTableTest {

    /** The table this OS uses, and OSHI's (the macOS/Windows one) wherever OSHI runs: same answers (ADR 0012). */
    static Stream<SocketTable> tables() {
        return Stream.of(SocketTable.system(), new OshiSocketTable());
    }

    @ParameterizedTest
    @MethodSource("tables")
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void findsAServerSocketOfThisJvmWithItsPidCommandAndUser(SocketTable table) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Listening> listening = table.listening();

            Listening mine = listening.stream().filter(l -> l.port() == server.getLocalPort()).findFirst().orElseThrow();
            assertThat(mine.address()).isEqualTo("127.0.0.1");
            Holder holder = mine.holder().orElseThrow();
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.program()).isEqualTo("java");
            assertThat(holder.user()).isEqualTo(System.getProperty("user.name"));
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aClosedSocketIsNoLongerListed(SocketTable table) throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertThat(table.listening()).noneMatch(l -> l.port() == port);
    }

    @ParameterizedTest
    @MethodSource("tables")
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void namesTheChildProcessHoldingAPort(SocketTable table) throws Exception {
        try (ChildListener child = ChildListener.start(ChildListener.javaExecutable())) {
            Listening l = table.listening().stream().filter(x -> x.port() == child.port())
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
    void oshiAddressesAreTextAsTheKernelTableGivesThem() throws Exception {
        assertThat(OshiSocketTable.address(new byte[] {127, 0, 0, 1})).contains("127.0.0.1");
        assertThat(OshiSocketTable.address(new byte[4])).contains("0.0.0.0");
        assertThat(OshiSocketTable.address(new byte[16])).contains("::");
        byte[] one = new byte[16];
        one[15] = 1;
        assertThat(OshiSocketTable.address(one)).contains("::1");
        assertThat(OshiSocketTable.address(new byte[0])).contains("0.0.0.0");
        assertThat(OshiSocketTable.address(new byte[3])).isEmpty();
    }
}
