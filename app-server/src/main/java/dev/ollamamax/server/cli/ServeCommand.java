package dev.ollamamax.server.cli;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.PortInUseException;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.ConfigValue;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the gateway headless until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway headless (default)",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the gateway is running (the process stays up)", "2:the configuration is invalid",
                "3:a listener's port is taken (the message names the process holding it and a free port)"})
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return run(spec.commandLine().getErr());
    }

    /** Starts the gateway; problems are written to {@code err} as one clear message, never a stack trace. */
    Integer run(PrintWriter err) {
        Config config;
        try {
            config = options.load();
            dev.ollamamax.server.ops.LogLevels.apply(config);
        } catch (ConfigException | UncheckedIOException e) {
            err.println("Configuration error: " + e.getMessage());
            err.flush();
            return 2;
        }
        logEffective(config);
        Gateway gateway;
        try {
            Gateway.checkPorts(config);
        } catch (PortInUseException e) {
            err.println(PortConflictMessage.explain(e, config));
            err.flush();
            return 3;
        }
        try {
            gateway = Gateway.create(config);
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            gateway.startAll();
        } catch (PortInUseException e) {
            err.println(PortConflictMessage.explain(e, config));
            err.flush();
            return 3;
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            err.flush();
            return 2;
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
