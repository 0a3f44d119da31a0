package dev.ollamamax.ui.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.UiExecutor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model memory of the selected node: what {@code /api/ps?node=} reports through the gateway, and the
 * Ollama way to change it, an empty generation pinned to the node: Preload (default keep-alive), Keep loaded
 * ({@code keep_alive: -1}) and Unload ({@code keep_alive: 0}). Ollama does not report a node's memory
 * capacity, so the totals are the sums of what is loaded.
 */
public final class ModelMemory {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);

    private final GatewayApi api;
    private final UiExecutor executor;
    private final ObservableList<LoadedModel> loaded = FXCollections.observableArrayList();
    private final ObservableList<LoadedModel> loadedView = FXCollections.unmodifiableObservableList(loaded);
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper busy = new ReadOnlyStringWrapper("");
    private Optional<String> node = Optional.empty();

    public ModelMemory(GatewayApi api, UiExecutor executor) {
        this.api = api;
        this.executor = executor;
    }

    void select(Optional<String> nodeId) {
        if (!node.equals(nodeId)) {
            node = nodeId;
            loaded.clear();
            totals.set("");
            message.set("");
            refresh();
        }
    }

    /** Reads the node's loaded models again. */
    public void refresh() {
        Optional<String> id = node;
        if (id.isEmpty()) {
            return;
        }
        executor.submit(() -> read(id.get()), rows -> {
            if (node.equals(id)) {
                show(rows);
            }
        }, e -> message.set("Could not read the loaded models of " + id.get() + ": " + e.getMessage()));
    }

    private List<LoadedModel> read(String id) throws Exception {
        JsonNode ps = api.call("GET", "/api/ps?node=" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, Duration.ofSeconds(10));
        List<LoadedModel> rows = new ArrayList<>();
        ps.path("models").forEach(m -> rows.add(LoadedModel.of(m)));
        return rows;
    }

    void show(List<LoadedModel> rows) {
        if (!loaded.equals(rows)) {
            loaded.setAll(rows);
        }
        totals.set(totals(rows));
    }

    static String totals(List<LoadedModel> rows) {
        long vram = rows.stream().mapToLong(m -> Math.max(0, m.sizeVram())).sum();
        long ram = rows.stream().mapToLong(m -> Math.max(0, m.ramBytes())).sum();
        return rows.size() + (rows.size() == 1 ? " model" : " models") + " loaded · " + Sizes.human(vram) + " in VRAM · "
                + Sizes.human(ram) + " in RAM";
    }

    /** Loads a model with the node's default keep-alive. */
    public void preload(String model) {
        change(model, null, "Loading " + model + "…");
    }

    /** Keeps a model loaded until it is unloaded ({@code keep_alive: -1}). */
    public void keepLoaded(String model) {
        change(model, -1, "Keeping " + model + " loaded…");
    }

    /** Unloads a model now ({@code keep_alive: 0}). */
    public void unload(String model) {
        change(model, 0, "Unloading " + model + "…");
    }

    private void change(String model, Integer keepAlive, String doing) {
        Optional<String> id = node;
        if (id.isEmpty() || model == null || model.isBlank()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("node", id.get());
        body.put("stream", false);
        if (keepAlive != null) {
            body.put("keep_alive", keepAlive);
        }
        message.set("");
        busy.set(doing);
        executor.submit(() -> {
            api.call("POST", "/api/generate", body, LOAD_TIMEOUT);
            return read(id.get());
        }, rows -> {
            busy.set("");
            if (node.equals(id)) {
                show(rows);
            }
        }, e -> {
            busy.set("");
            message.set(doing.replace("…", "") + " failed: " + e.getMessage());
        });
    }

    public ObservableList<LoadedModel> loaded() {
        return loadedView;
    }

    /** "2 models loaded · 3.2 GB in VRAM · 0 B in RAM". */
    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What is being done ("Unloading llama3.2…"), empty when nothing. */
    public ReadOnlyStringProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
