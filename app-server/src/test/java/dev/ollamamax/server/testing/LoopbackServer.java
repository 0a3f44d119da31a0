package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * One life of the fake between start and stop: a server socket on 127.0.0.1, an acceptor thread and a
 * virtual thread per connection serving HTTP/1.1 keep-alive requests. {@link #stop} closes every socket
 * and wakes every hanging or sleeping handler, so a stopped fake holds no thread and no port.
 */
final class LoopbackServer {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ServerSocket serverSocket;
    private final Router router;
    private final ObjectMapper json;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private LoopbackServer(ServerSocket serverSocket, Router router, ObjectMapper json) {
        this.serverSocket = serverSocket;
        this.router = router;
        this.json = json;
        this.acceptor = Thread.ofPlatform().daemon().name("fake-ollama-accept-" + serverSocket.getLocalPort())
                .start(this::acceptLoop);
    }

    static LoopbackServer start(int port, Router router, ObjectMapper json) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
            return new LoopbackServer(socket, router, json);
        } catch (IOException e) {
            throw new UncheckedIOException("FakeOllama cannot listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void stop() {
        stopped.countDown();
        closeQuietly(serverSocket);
        sockets.forEach(LoopbackServer::closeQuietly);
        workers.forEach(Thread::interrupt);
        try {
            acceptor.join(STOP_GRACE);
            for (Thread worker : workers) {
                worker.join(STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (stopped.getCount() > 0) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                Thread worker = Thread.ofVirtual().name("fake-ollama-conn").unstarted(() -> serve(socket));
                workers.add(worker);
                worker.start();
                if (stopped.getCount() == 0) {
                    closeQuietly(socket);
                }
            } catch (IOException e) {
                return; // the server socket was closed by stop()
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (stopped.getCount() > 0) {
                Optional<RequestReader.Incoming> incoming;
                try {
                    incoming = RequestReader.read(in, out);
                } catch (RequestReader.Malformed e) {
                    String body = "{\"error\":" + json.writeValueAsString(e.getMessage()) + "}";
                    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n"
                            + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
                if (incoming.isEmpty()) {
                    return;
                }
                Exchange exchange = new Exchange(incoming.get().request(), socket, in, out,
                        incoming.get().keepAlive(), json, stopped);
                router.handle(exchange);
                if (!exchange.reusable()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or stop() closed the socket
        } finally {
            sockets.remove(socket);
            workers.remove(Thread.currentThread());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing on the way out
        }
    }
}
