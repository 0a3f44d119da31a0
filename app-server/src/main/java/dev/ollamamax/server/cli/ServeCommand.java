package dev.ollamamax.server.cli;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.PortInUseException;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.ConfigValue;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: runs the gateway headless until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway headless (default)")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        Config config;
        try {
            config = options.load();
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
        logEffective(config);
        Gateway gateway;
        try {
            gateway = Gateway.create(config);
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
        try {
            gateway.startAll();
        } catch (PortInUseException e) {
            System.err.println(PortConflictMessage.explain(e, config));
            return 3;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
        return 0;
    }

    static void logEffective(Config config) {
        StringBuilder sb = new StringBuilder("Effective configuration");
        config.dotEnvFile().ifPresent(f -> sb.append(" (.env: ").append(f).append(')'));
        sb.append(':');
        for (ConfigValue v : config.effective()) {
            sb.append("\n  ").append(v.setting().envName()).append('=').append(v.display())
                    .append("  [").append(v.source().label()).append(']');
        }
        LOG.info(sb.toString());
    }
}
