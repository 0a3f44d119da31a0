package dev.ollamamax.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code ollamamax-server}: runs {@code serve} when no subcommand is given. */
@Command(name = "ollamamax-server", mixinStandardHelpOptions = true, version = "OllamaMax 0.1.0",
        description = "OllamaMax gateway: OpenAI- and Ollama-compatible APIs and WebSocket chat in front of Ollama nodes.",
        subcommands = {ServeCommand.class, PortsCommand.class, UsersCommand.class, KeysCommand.class})
public final class RootCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ServeCommand serve = new ServeCommand();
        serve.options = options;
        return serve.run(spec.commandLine().getErr());
    }

    /**
     * True when the arguments run the server ({@code serve}, or no subcommand), so {@code main} must not exit
     * after the command returns; false for any other command, for help and version, and for arguments that
     * do not parse.
     */
    public static boolean keepsRunning(String[] args) {
        ParseResult result;
        try {
            result = new CommandLine(new RootCommand()).parseArgs(args);
        } catch (ParameterException e) {
            return false;
        }
        ParseResult leaf = result;
        while (true) {
            if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
                return false;
            }
            if (!leaf.hasSubcommand()) {
                break;
            }
            leaf = leaf.subcommand();
        }
        Object command = leaf.commandSpec().userObject();
        return command instanceof RootCommand || command instanceof ServeCommand;
    }
}
