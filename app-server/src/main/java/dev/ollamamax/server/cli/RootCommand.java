package dev.ollamamax.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ollamamax-server}: runs {@code serve} when no subcommand is given. */
@Command(name = "ollamamax-server", mixinStandardHelpOptions = true, version = "OllamaMax 0.1.0",
        description = "OllamaMax gateway: OpenAI- and Ollama-compatible APIs and WebSocket chat in front of Ollama nodes.",
        subcommands = {ServeCommand.class, UsersCommand.class, KeysCommand.class})
public final class RootCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        ServeCommand serve = new ServeCommand();
        serve.options = options;
        return serve.call();
    }

    /**
     * True when the command runs the server ({@code serve}, or no subcommand), so {@code main} must not exit
     * after it returns; false for other subcommands, help, version and arguments that do not parse.
     */
    public static boolean keepsRunning(String[] args) {
        try {
            CommandLine.ParseResult result = new CommandLine(new RootCommand())
                    .setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
            while (true) {
                if (result.isUsageHelpRequested() || result.isVersionHelpRequested()) {
                    return false;
                }
                if (!result.hasSubcommand()) {
                    break;
                }
                result = result.subcommand();
            }
            Object command = result.commandSpec().userObject();
            return command instanceof RootCommand || command instanceof ServeCommand;
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }
}
