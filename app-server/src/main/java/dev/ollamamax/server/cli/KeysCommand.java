package dev.ollamamax.server.cli;

import dev.ollamamax.server.auth.Accounts;
import dev.ollamamax.server.auth.AuthException;
import dev.ollamamax.server.auth.IssuedKey;
import dev.ollamamax.server.store.StandaloneDatabase;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys create <user> [--name n]}: prints a new API key once, on standard output alone. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys",
        subcommands = {KeysCommand.Create.class})
public final class KeysCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("Say what to do with keys, e.g.: keys create alice --name ci");
        return 2;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key for a user and print it (it is shown only this once)")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", description = "The user the key belongs to")
        String user;

        @Option(names = "--name", description = "A name to recognise the key by", defaultValue = "cli")
        String name;

        @Override
        public Integer call() throws Exception {
            try (StandaloneDatabase db = StandaloneDatabase.open(options.load(), Duration.ofSeconds(60))) {
                IssuedKey key = new Accounts(db.database()).createKey(user, name, "cli");
                System.err.println("API key " + key.info().id() + " (\"" + key.info().name() + "\") for " + user
                        + ". It is shown only now: store it safely.");
                System.out.println(key.key());
                return 0;
            } catch (AuthException e) {
                System.err.println("Cannot create the key: " + e.getMessage());
                return 1;
            }
        }
    }
}
