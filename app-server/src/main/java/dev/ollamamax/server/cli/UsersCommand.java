package dev.ollamamax.server.cli;

import dev.ollamamax.server.auth.Accounts;
import dev.ollamamax.server.auth.AuthException;
import dev.ollamamax.server.store.StandaloneDatabase;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code users add <name> [--admin] [--password-stdin]}: creates an account without the HTTP API. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage user accounts",
        subcommands = {UsersCommand.Add.class})
public final class UsersCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("Say what to do with users, e.g.: users add alice --admin");
        return 2;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a user; the password is asked for, or read from standard input")
    static final class Add implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", description = "User name (3-64 letters, digits, . _ @ -)")
        String name;

        @Option(names = "--admin", description = "Make the user an admin (otherwise the user role)")
        boolean admin;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            Optional<String> password = passwordStdin ? readStdin() : prompt();
            if (password.isEmpty()) {
                System.err.println("No password given: use --password-stdin, or run in a terminal to be asked.");
                return 2;
            }
            try (StandaloneDatabase db = StandaloneDatabase.open(options.load(), Duration.ofSeconds(60))) {
                Accounts.UserView user = new Accounts(db.database())
                        .addUser(name, password.get(), admin ? "admin" : "user", "cli");
                System.out.println("Created user " + user.username() + " (" + user.role() + ", id " + user.id() + ")");
                return 0;
            } catch (AuthException e) {
                System.err.println("Cannot create the user: " + e.getMessage());
                return 1;
            }
        }

        private static Optional<String> readStdin() throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return Optional.ofNullable(in.readLine()).map(s -> s.replaceAll("\\r$", ""));
        }

        private static Optional<String> prompt() {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                System.err.println("The passwords differ.");
                return Optional.empty();
            }
            return Optional.of(new String(first));
        }
    }
}
