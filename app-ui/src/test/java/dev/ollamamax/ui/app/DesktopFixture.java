package dev.ollamamax.ui.app;

import dev.ollamamax.server.testing.SharedStores;
import dev.ollamamax.shared.runtime.LogBuffer;
import dev.ollamamax.ui.common.FxUiExecutor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.stage.Stage;

/** The real desktop app for TestFX tests: embedded gateway on ephemeral ports, data in a temp folder. */
public final class DesktopFixture implements AutoCloseable {

    private final FxUiExecutor executor;
    private final DesktopApp desktop;

    private DesktopFixture(FxUiExecutor executor, DesktopApp desktop) {
        this.executor = executor;
        this.desktop = desktop;
    }

    /**
     * Builds and shows the app on the stage (call from a TestFX {@code @Start} method) and starts the gateway, on
     * the JVM's shared PostgreSQL and Redis ({@code SharedStores}) unless the extra values say otherwise.
     */
    public static DesktopFixture show(Stage stage, Path dir, Map<String, String> extraCommandLine) {
        Map<String, String> cli = new LinkedHashMap<>(Map.of("PORT", "0", "WS_PORT", "0", "FALLBACK_PORT", "0",
                "DATABASE_URL", SharedStores.get().jdbcUrl(), "REDIS_URL", SharedStores.get().redisUrl()));
        cli.putAll(extraCommandLine);
        return showExactly(stage, dir, cli);
    }

    /** As {@link #show} with exactly these command-line values (and the data folder in {@code dir/home}). */
    public static DesktopFixture showExactly(Stage stage, Path dir, Map<String, String> commandLine) {
        Map<String, String> cli = new LinkedHashMap<>(dev.ollamamax.ui.common.DesktopGateways.shared());
        cli.putAll(commandLine);
        cli.put("OLLAMAMAX_HOME", dir.resolve("home").toString());
        DesktopConfig config = DesktopConfig.load(dir, Map.of(), cli);
        FxUiExecutor executor = new FxUiExecutor();
        DesktopApp desktop = new DesktopApp(config, new LogBuffer(1000), executor, () -> { }, url -> { });
        desktop.show(stage);
        desktop.startGateway();
        return new DesktopFixture(executor, desktop);
    }

    public DesktopApp desktop() {
        return desktop;
    }

    @Override
    public void close() {
        desktop.close();
        executor.close();
    }
}
