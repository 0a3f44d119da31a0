package dev.ollamamax.server.cli;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigLoader;
import dev.ollamamax.shared.config.Setting;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every command; they form the command-line layer of the configuration. */
public final class ConfigOptions {

    @Option(names = "--port", description = "Primary listener port (PORT, default 13100)")
    Integer port;

    @Option(names = "--ws-port", description = "WebSocket-server listener port (WS_PORT, default 13101)")
    Integer wsPort;

    @Option(names = "--fallback-port", description = "Fallback listener port (FALLBACK_PORT, default 13102)")
    Integer fallbackPort;

    @Option(names = "--host", description = "Bind address (HOST, default 127.0.0.1)")
    String host;

    @Option(names = "--nodes", description = "Comma-separated Ollama node URLs (OLLAMA_NODES)")
    String nodes;

    @Option(names = "--home", description = "Data folder (OLLAMAMAX_HOME)")
    String home;

    @Option(names = {"-D", "--set"}, description = "Any setting, as NAME=value (e.g. -D AUTH_ENABLED=false)")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The command-line layer as setting names and values. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        settings.forEach((k, v) -> map.put(Setting.find(k).map(Setting::envName).orElse(k), v));
        put(map, Setting.PORT, port);
        put(map, Setting.WS_PORT, wsPort);
        put(map, Setting.FALLBACK_PORT, fallbackPort);
        put(map, Setting.HOST, host);
        put(map, Setting.OLLAMA_NODES, nodes);
        put(map, Setting.OLLAMAMAX_HOME, home);
        return map;
    }

    public Config load() {
        return ConfigLoader.load(asMap());
    }

    private static void put(Map<String, String> map, Setting setting, Object value) {
        if (value != null) {
            map.put(setting.envName(), value.toString());
        }
    }
}
