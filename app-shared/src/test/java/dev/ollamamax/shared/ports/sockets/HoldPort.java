package dev.ollamamax.shared.ports.sockets;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Run as a child process by tests: serves HTTP 200 on an ephemeral loopback port, prints it and its PID, waits for stdin to close
 * (or, detached, until it is ended, at most two minutes). */
public final class HoldPort {

    private HoldPort() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = "{\"models\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println(server.getAddress().getPort() + " " + ProcessHandle.current().pid());
        System.out.flush();
        if (args.length > 0 && args[0].equals("detached")) {
            Thread.sleep(120_000);
        } else {
            while (System.in.read() >= 0) {
                // wait until the parent closes our stdin or ends us
            }
        }
        server.stop(0);
        System.exit(0);
    }
}
