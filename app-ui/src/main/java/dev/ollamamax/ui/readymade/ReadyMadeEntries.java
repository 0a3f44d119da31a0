package dev.ollamamax.ui.readymade;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.stack.StackFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adds a {@link ReadyMade} tool to the home stack file ({@code OLLAMAMAX_HOME/ollamamax-stack.yaml}): generates
 * its configuration under {@code OLLAMAMAX_HOME/stack/<name>/}, adds the entry, then reloads the home stack so
 * that it starts (the processes already running there keep running). Blocking; call off the UI thread.
 */
public final class ReadyMadeEntries {

    private final Path home;
    private final Supplier<Config> config;
    private final Map<String, String> env;
    private final Supplier<Optional<URI>> gateway;
    private final Runnable reloadHome;

    /**
     * @param gateway the running gateway's API base ({@code http://host:port/}); the configured port is used
     *                while it is not running
     */
    public ReadyMadeEntries(Path home, Supplier<Config> config, Supplier<Optional<URI>> gateway, Map<String, String> env,
                            Runnable reloadHome) {
        this.home = home;
        this.config = config;
        this.gateway = gateway;
        this.env = Map.copyOf(env);
        this.reloadHome = reloadHome;
    }

    /** Where the tool's executable is, if it is on the PATH. */
    public Optional<Path> executable(ReadyMade tool) {
        return tool.find(env);
    }

    public Path stackFile() {
        return home.resolve(StackFile.FILE_NAME);
    }

    /**
     * Adds the tool and starts it; returns a sentence saying what was done.
     *
     * @throws IOException when the tool is not on the PATH, is already in the stack file, or a file cannot be written
     */
    public String add(ReadyMade tool) throws IOException {
        Path exe = executable(tool).orElseThrow(() -> new IOException(String.join(" or ", tool.executables())
                + " is not on the PATH; install " + tool.displayName() + " first"));
        Config c = config.get();
        int port = c.getInt(tool.port());
        Path dir = home.resolve("stack").resolve(tool.processName());
        String entry = switch (tool) {
            case PROMETHEUS -> PrometheusSetup.write(exe, dir, gatewayTarget(c, gateway.get()), port);
            case GRAFANA -> GrafanaSetup.write(exe, dir, port, c.getInt(Setting.PROMETHEUS_PORT));
        };
        StackFileEditor.add(stackFile(), tool.processName(), entry);
        reloadHome.run();
        return tool.displayName() + " added to " + stackFile() + " and starting on port " + port
                + " (configuration in " + dir + ")";
    }

    /** The gateway's primary listener as Prometheus should scrape it: loopback when it binds every address. */
    static String gatewayTarget(Config c, Optional<URI> running) {
        String host = running.map(URI::getHost).orElse(c.get(Setting.HOST));
        int port = running.map(URI::getPort).filter(p -> p > 0).orElse(c.getInt(Setting.PORT));
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
                || host.equals("localhost")) {
            host = "127.0.0.1";
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + port;
    }
}
