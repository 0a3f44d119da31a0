package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The one-time token that creates the first admin of a headless gateway ({@code POST /auth/setup}). It is
 * made at start, kept only in memory, printed once to the log when the database is up and has no enabled
 * admin, and works once: a web page cannot read the log, so it cannot win the bootstrap.
 */
final class SetupToken {

    private static final Logger LOG = Logger.getLogger(SetupToken.class.getName());

    private final String token = "omxsetup_" + Tokens.newRefreshToken();
    private final AtomicBoolean used = new AtomicBoolean();
    private final AtomicBoolean announced = new AtomicBoolean();

    /** Logs the token when no admin exists yet; called once the database is up. */
    void announceIfNoAdmin(Accounts accounts) throws SQLException {
        if (accounts.hasAdmin() || announced.getAndSet(true)) {
            return;
        }
        LOG.warning("No admin account exists yet. Create the first one with this one-time setup token (valid "
                + "until this gateway stops):\n  curl -s http://127.0.0.1:<port>/auth/setup -H 'content-type: "
                + "application/json' -d '{\"token\":\"" + token + "\",\"username\":\"admin\",\"password\":\"…\"}'\n"
                + "or run: ollamamax-server users add <name> --admin");
    }

    /** Whether the token matches and was not used yet; a match uses it up. */
    boolean redeem(String presented) {
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        return used.compareAndSet(false, true);
    }

    /** Puts the token back after the account could not be created (a taken name, a short password). */
    void release() {
        used.set(false);
    }

    /** For tests in this package: the token a log reader would see. */
    String value() {
        return token;
    }

    /** Waits for the database, then announces; gives up quietly when the gateway stops first. */
    void announceWhenReady(Database database, Accounts accounts, AtomicBoolean closed) {
        Thread.ofVirtual().name("setup-token").start(() -> {
            while (!closed.get()) {
                if (database.status() == Database.Status.UP) {
                    try {
                        announceIfNoAdmin(accounts);
                        return;
                    } catch (SQLException | RuntimeException e) {
                        // migrations still running or a blip: try again
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
