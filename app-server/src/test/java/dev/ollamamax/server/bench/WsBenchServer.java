package dev.ollamamax.server.bench;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.chat.ChatFeature;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway side of {@link WsBench}, in its own JVM so its heap is measured alone: starts a gateway in
 * front of the node URL given, prints {@code READY <primary port>}, then answers {@code heap} on stdin with
 * {@code HEAP <bytes used after GC> <open chat connections>} and exits on {@code quit}.
 */
public final class WsBenchServer {

    private WsBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Config config = Config.builder().set(Setting.PORT, "0").set(Setting.WS_PORT, "0").set(Setting.FALLBACK_PORT, "0")
                .set(Setting.AUTH_ENABLED, "false").set(Setting.ENABLE_LOCAL_OLLAMA, "false")
                .set(Setting.OLLAMA_NODES, args[0])
                .set(Setting.OLLAMAMAX_HOME, Files.createTempDirectory("omx-wsbench").toString()).build();
        try (Gateway gateway = Gateway.create(config).startAll()) {
            gateway.feature(NodesFeature.class).orElseThrow().prober().probeAll();
            ChatFeature chat = gateway.feature(ChatFeature.class).orElseThrow();
            System.out.println("READY " + gateway.port(Listener.PRIMARY).orElseThrow());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("heap")) {
                    System.out.println("HEAP " + heapAfterGc() + " " + chat.connections());
                    System.out.flush();
                }
            }
        }
    }

    static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
