package dev.ollamamax.server.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ollamamax-server}: runs {@code serve} when no subcommand is given. */
@Command(name = "ollamamax-server", mixinStandardHelpOptions = true, version = "OllamaMax 0.1.0",
        description = "OllamaMax gateway: OpenAI- and Ollama-compatible APIs and WebSocket chat in front of Ollama nodes.",
        subcommands = {ServeCommand.class})
public final class RootCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        ServeCommand serve = new ServeCommand();
        serve.options = options;
        return serve.call();
    }

    /** True when the command runs the server, so {@code main} must not exit after it returns. */
    public static boolean keepsRunning(String[] args) {
        return Arrays.stream(args).noneMatch(a -> !a.startsWith("-") && !a.equals("serve") && !a.contains("="))
                && Arrays.stream(args).noneMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                || a.equals("--version"));
    }
}
