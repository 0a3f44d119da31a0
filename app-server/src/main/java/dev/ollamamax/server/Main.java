package dev.ollamamax.server;

import dev.ollamamax.server.cli.RootCommand;
import picocli.CommandLine;

/** Headless entry point: {@code java -jar ollamamax-server.jar [serve|ports|…] [options]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        dev.ollamamax.server.process.ExitPaths.installUncaughtHandler();
        int code = new CommandLine(new RootCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0 || !RootCommand.keepsRunning(args)) {
            System.exit(code);
        }
    }
}
