package dev.ollamamax.ui.ports;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.config.SettingsStore;
import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortOrigin;
import dev.ollamamax.shared.ports.ServiceKind;
import dev.ollamamax.shared.ports.conflicts.PortFix;
import dev.ollamamax.shared.ports.envfile.EditResult;
import dev.ollamamax.shared.ports.envfile.EnvFileEditor;
import dev.ollamamax.ui.common.GatewayManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Carries out "move to the next free port": rewrites the {@code .env} key that sets the port (the
 * project's, or the app's own), or saves the setting when the port came from elsewhere, then restarts the
 * gateway when one of its listeners moved. {@link #plan} says what would happen without writing anything.
 */
public final class PortMoves {

    private final GatewayManager gateway;
    private final SettingsStore store;
    private final Function<Map<String, String>, Config> loader;
    private final Consumer<Config> changed;

    public PortMoves(GatewayManager gateway, SettingsStore store, Function<Map<String, String>, Config> loader,
                     Consumer<Config> changed) {
        this.gateway = gateway;
        this.store = store;
        this.loader = loader;
        this.changed = changed;
    }

    /** What applying this move would do. Reads the configuration; writes nothing. */
    public MoveStep plan(PortFix.Move move) {
        PlannedService s = move.service();
        PortOrigin origin = s.origin();
        Config config = gateway.config();
        Optional<Path> appEnv = config.dotEnvFile();
        boolean ownSetting = s.id().setting().map(Setting::envName).filter(origin.key()::equals).isPresent()
                && origin.file().map(f -> appEnv.map(f::equals).orElse(false)).orElse(true);
        boolean restarts = ownSetting && s.kind() == ServiceKind.EMBEDDED;
        String then = restarts ? "; then the gateway restarts on the new port"
                : ownSetting ? "" : "; restart " + s.name() + " yourself so it uses the new port";
        String change = origin.key() + ": " + s.port() + " → " + move.port();
        if (origin.editedByHand()) {
            return new MoveStep(move, MoveStep.Where.MANUAL, origin.file(), false,
                    "Edit " + origin.file().map(Path::toString).orElse("the compose file") + " by hand: "
                            + move.assignment() + " (" + (origin.isCompose() ? "compose" : "stack")
                            + " files are not rewritten automatically)");
        }
        if (origin.file().isPresent()) {
            return new MoveStep(move, MoveStep.Where.ENV_FILE, origin.file(), restarts,
                    change + " in " + origin.file().get() + " (the old file is kept as .env.bak)" + then);
        }
        if (origin.source().equals("command line")) {
            return new MoveStep(move, MoveStep.Where.MANUAL, Optional.empty(), false,
                    origin.key() + " is set on the command line: start OllamaMax with " + origin.key() + "="
                            + move.port() + " instead");
        }
        if (ownSetting && origin.source().equals("default") && appEnv.filter(Files::isRegularFile).isPresent()) {
            return new MoveStep(move, MoveStep.Where.ENV_FILE, appEnv, restarts,
                    change + ", added to " + appEnv.get() + " (the old file is kept as .env.bak)" + then);
        }
        return new MoveStep(move, MoveStep.Where.SAVED_SETTING, Optional.of(store.file()), restarts,
                change + ", saved in " + store.file() + then);
    }

    /** Applies the automatic steps of a fix; returns one sentence per step done. Blocks. */
    public List<String> apply(PortFix fix) throws IOException {
        List<String> done = new ArrayList<>();
        boolean restart = false;
        Map<String, String> saved = new LinkedHashMap<>(store.load());
        boolean savedChanged = false;
        for (PortFix.Move move : fix.moves()) {
            MoveStep step = plan(move);
            switch (step.where()) {
                case ENV_FILE -> {
                    EditResult r = EnvFileEditor.set(step.file().orElseThrow(), move.service().origin().key(),
                            String.valueOf(move.port()));
                    done.add(move.service().name() + " moved to " + move.port() + " in " + r.file());
                }
                case SAVED_SETTING -> {
                    saved.put(move.service().origin().key(), String.valueOf(move.port()));
                    savedChanged = true;
                    done.add(move.service().name() + " moved to " + move.port() + " (saved setting)");
                }
                case MANUAL -> done.add("Not changed: " + step.preview());
            }
            restart |= step.restarts();
        }
        if (savedChanged) {
            store.save(saved);
        }
        Config next = loader.apply(store.load());
        if (restart) {
            List<String> failures = gateway.restart(next);
            done.add(failures.isEmpty() ? "Gateway restarted." : "Gateway restarted, but: " + String.join("; ", failures));
        } else {
            gateway.useConfig(next);
        }
        changed.accept(next);
        return done;
    }
}
