package dev.ollamamax.server.store;

import dev.ollamamax.shared.config.AppHome;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.time.Duration;
import java.util.Optional;

/**
 * The database without a gateway, for CLI commands: {@code DATABASE_URL}, else the embedded server of the
 * data folder (the running one when a gateway already runs it, else started for the command and stopped after).
 */
public final class StandaloneDatabase implements AutoCloseable {

    private final Database database;
    private final Optional<EmbeddedPostgresService> started;

    private StandaloneDatabase(Database database, Optional<EmbeddedPostgresService> started) {
        this.database = database;
        this.started = started;
    }

    /** Opens the database and waits until it is up and migrated; throws {@link StoreUnavailableException} otherwise. */
    public static StandaloneDatabase open(Config config, Duration timeout) throws Exception {
        Database database = new Database(2);
        Optional<EmbeddedPostgresService> started = Optional.empty();
        try {
            String url = config.get(Setting.DATABASE_URL);
            if (url.isBlank()) {
                EmbeddedPostgresService pg = new EmbeddedPostgresService(AppHome.resolve(config),
                        config.getPort(Setting.POSTGRES_PORT));
                pg.start();
                started = Optional.of(pg);
                database.connect(pg.url().orElseThrow());
            } else {
                database.connect(DatabaseUrl.parse(url));
            }
            if (!database.awaitUp(timeout.toMillis())) {
                throw new StoreUnavailableException(database.message());
            }
            return new StandaloneDatabase(database, started);
        } catch (Exception e) {
            database.close();
            started.ifPresent(EmbeddedPostgresService::stop);
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        started.ifPresent(EmbeddedPostgresService::stop);
    }
}
