package dev.ollamamax.shared.ports.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aPortHeldOnLoopbackOrOnEveryInterfaceIsTaken() throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 50, LOOPBACK);
             ServerSocket wildcard = new ServerSocket(0, 50)) {
            assertThat(PortCheck.canBind(LOOPBACK, loopback.getLocalPort())).isFalse();
            // the case SO_REUSEADDR gets wrong on macOS/BSD: 127.0.0.1:p while 0.0.0.0:p is held
            assertThat(PortCheck.canBind(LOOPBACK, wildcard.getLocalPort())).isFalse();
            assertThatThrownBy(() -> PortCheck.tryBind(new InetSocketAddress(LOOPBACK, loopback.getLocalPort())))
                    .isInstanceOf(BindException.class);
        }
    }

    @Test
    void aFreePortIsFreeAndNonPortsAreNot() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        assertThat(PortCheck.canBind(LOOPBACK, port)).isTrue();
        assertThat(PortCheck.canBind(LOOPBACK, 0)).isFalse();
        assertThat(PortCheck.canBind(LOOPBACK, 70000)).isFalse();
    }

    @Test
    void onLinuxAPortWhoseLastConnectionIsInTimeWaitIsFreeAsTheServersWillFindIt() throws Exception {
        assumeTrue(PortCheck.REUSE_ADDRESS, "SO_REUSEADDR is used on Linux only");
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
             Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
            port = server.getLocalPort();
            // the server side closes first, so its end of the connection (on the listening port) enters TIME_WAIT
            server.accept().close();
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(withoutReuse(port)).as("the port is in TIME_WAIT").isFalse();
        assertThat(PortCheck.canBind(LOOPBACK, port)).isTrue();
    }

    private static boolean withoutReuse(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
