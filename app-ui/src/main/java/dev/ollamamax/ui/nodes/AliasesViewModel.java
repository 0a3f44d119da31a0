package dev.ollamamax.ui.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.UiExecutor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The alias editor (admin): model aliases with their fallbacks from {@code /api/v1/aliases}; add or replace
 * one with {@code PUT}, delete a stored one with {@code DELETE}. Configured ones ({@code MODEL_ALIASES}) are
 * listed but changed only in the configuration.
 */
public final class AliasesViewModel {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final GatewayApi api;
    private final UiExecutor executor;
    private final ObservableList<AliasRow> aliases = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    AliasesViewModel(GatewayApi api, UiExecutor executor) {
        this.api = api;
        this.executor = executor;
    }

    public ObservableList<AliasRow> aliases() {
        return FXCollections.unmodifiableObservableList(aliases);
    }

    /** The gateway's refusal or a failure, in words; empty after a success. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void refresh() {
        executor.submit(this::read, aliases::setAll, e -> message.set("Could not read the aliases: " + e.getMessage()));
    }

    private List<AliasRow> read() throws Exception {
        List<AliasRow> rows = new ArrayList<>();
        for (JsonNode a : api.call("GET", "/api/v1/aliases", null, TIMEOUT).path("aliases")) {
            List<String> models = new ArrayList<>();
            a.path("models").forEach(m -> models.add(m.asText()));
            rows.add(new AliasRow(a.path("name").asText(), models, a.path("source").asText().equals("config")));
        }
        return rows;
    }

    /** Adds the alias or replaces its models ({@code "a, b"}: a first, b when no healthy node has a). */
    public void save(String name, String models) {
        Optional<String> problem = checkName(name).or(() -> checkModels(models));
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        message.set("");
        Map<String, Object> body = Map.of("models", split(models));
        String n = name.strip();
        executor.submit(() -> {
            api.call("PUT", path(n), body, TIMEOUT);
            return read();
        }, aliases::setAll, e -> message.set("Could not save " + n + ": " + e.getMessage()));
    }

    public void delete(AliasRow alias) {
        if (alias.configured()) {
            message.set(alias.name() + " comes from MODEL_ALIASES: change it in the configuration (Settings)");
            return;
        }
        message.set("");
        executor.submit(() -> {
            api.call("DELETE", path(alias.name()), null, TIMEOUT);
            return read();
        }, aliases::setAll, e -> message.set("Could not delete " + alias.name() + ": " + e.getMessage()));
    }

    /** The name field's error as typed: the gateway's rule for alias names. */
    public static Optional<String> checkName(String name) {
        try {
            ModelAliases.validName(name == null ? "" : name.strip());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(name == null || name.isBlank() ? "Name the alias, e.g. coder" : e.getMessage());
        }
    }

    /** The models field's error as typed: at least one model name, comma-separated. */
    public static Optional<String> checkModels(String models) {
        List<String> list = split(models);
        if (list.isEmpty()) {
            return Optional.of("One model or more, first choice first: qwen2.5-coder:32b, qwen2.5-coder:7b");
        }
        return list.stream().anyMatch(m -> m.contains(" ") || m.contains(";") || m.contains("="))
                ? Optional.of("Model names without spaces, separated by commas") : Optional.empty();
    }

    private static List<String> split(String models) {
        return Arrays.stream((models == null ? "" : models).split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    private static String path(String name) {
        return "/api/v1/aliases/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
