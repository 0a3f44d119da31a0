package dev.ollamamax.ui.nodes;

import dev.ollamamax.server.nodes.ModelNames;
import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeSnapshot;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.UiExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The models of the selected node (from the gateway's registry: {@code /api/tags} and {@code /api/ps} as the
 * probe loop last read them), and pulls: {@code /api/pull} through the gateway pinned to a node, progress
 * streamed per layer, cancellable; delete with {@code /api/delete}; "copy to node" pulls the model there;
 * "Create from Modelfile" ({@code /api/create} on the node, progress like a pull's) and "Show details".
 */
public final class ModelsViewModel {

    private final GatewayManager gateway;
    private final GatewayApi api;
    private final UiExecutor executor;
    private final ObservableList<ModelRow> models = FXCollections.observableArrayList();
    /** One read-only view, kept: a listener on a view that is dropped would go with it. */
    private final ObservableList<ModelRow> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ObservableList<PullJob> pulls = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<String>> node = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ModelMemory memory;
    private final DetailsViewModel details;
    private final AliasesViewModel aliases;

    public ModelsViewModel(GatewayManager gateway, GatewayApi api, UiExecutor executor) {
        this.gateway = gateway;
        this.api = api;
        this.executor = executor;
        this.memory = new ModelMemory(api, executor);
        this.details = new DetailsViewModel(api, executor);
        this.aliases = new AliasesViewModel(api, executor);
    }

    /** The selected node's model memory (follows the selection). */
    public ModelMemory memory() {
        return memory;
    }

    /** The alias editor (admin). */
    public AliasesViewModel aliases() {
        return aliases;
    }

    /** "Show details" of a model on the selected node. */
    public DetailsViewModel details() {
        return details;
    }

    /** Reads {@code /api/show} for the model on the selected node into {@link #details()}. */
    public void showDetails(ModelRow row) {
        node.get().ifPresent(id -> details.load(row.name(), id));
    }

    public ObservableList<ModelRow> models() {
        return modelsView;
    }

    /** Running and finished pulls, newest first. */
    public ObservableList<PullJob> pulls() {
        return pulls;
    }

    /** The node whose models are shown. */
    public ReadOnlyObjectProperty<Optional<String>> nodeProperty() {
        return node.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void select(Optional<String> nodeId) {
        if (!node.get().equals(nodeId)) {
            node.set(nodeId);
            message.set("");
            refresh();
        }
        memory.select(nodeId);
    }

    /** Reads the selected node's models again (cheap: the registry holds them). */
    public void refresh() {
        Optional<String> id = node.get();
        executor.submit(() -> read(id), this::apply, e -> message.set("Could not read the models: " + e.getMessage()));
    }

    List<ModelRow> read(Optional<String> id) {
        Optional<Node> n = id.flatMap(i -> gateway.feature(NodesFeature.class).flatMap(f -> f.registry().get(i)));
        if (n.isEmpty()) {
            return List.of();
        }
        List<String> loaded = n.get().loaded();
        return n.get().models().stream()
                .map(tag -> ModelRow.of(tag, loaded.stream().anyMatch(l -> ModelNames.same(l, tag.path("name").asText()))))
                .sorted(java.util.Comparator.comparing(ModelRow::name))
                .toList();
    }

    void apply(List<ModelRow> rows) {
        if (!models.equals(rows)) {
            models.setAll(rows);
        }
    }

    /** The other nodes a model can be copied to: id → name. */
    public Map<String, String> otherNodes() {
        Map<String, String> out = new LinkedHashMap<>();
        gateway.feature(NodesFeature.class).ifPresent(f -> {
            for (NodeSnapshot s : f.registry().snapshots()) {
                if (node.get().map(id -> !id.equals(s.id())).orElse(true)) {
                    out.put(s.id(), s.name());
                }
            }
        });
        return out;
    }

    /** Pulls a model onto the selected node. */
    public Optional<PullJob> pull(String model) {
        if (model == null || model.isBlank()) {
            message.set("Enter the name of a model to pull, for example llama3.2 or qwen2.5:0.5b");
            return Optional.empty();
        }
        if (node.get().isEmpty()) {
            message.set("Select a node first");
            return Optional.empty();
        }
        return Optional.of(pull(model.strip(), node.get().get()));
    }

    /** Pulls a model onto a node: the same as copying it there. */
    public PullJob pull(String model, String nodeId) {
        message.set("");
        PullJob job = new PullJob(model, nodeId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("node", nodeId);
        body.put("stream", true);
        start(job, "/api/pull", body);
        return job;
    }

    /**
     * "Create from Modelfile": {@code /api/create} on the selected node, progress shown like a pull's; the
     * model is listed once the node has it. A form that cannot be sent is refused in words.
     */
    public Optional<PullJob> create(NewModel form) {
        Optional<String> problem = node.get().isEmpty() ? Optional.of("Select a node first") : form.problem();
        if (problem.isPresent()) {
            message.set(problem.get());
            return Optional.empty();
        }
        message.set("");
        PullJob job = new PullJob(form.name(), node.get().get(), PullJob.Kind.CREATE);
        start(job, "/api/create", form.request(job.node()));
        return Optional.of(job);
    }

    /** The names of the selected node's models, for the base-model picker. */
    public List<String> modelNames() {
        return models.stream().map(ModelRow::name).toList();
    }

    private void start(PullJob job, String path, Map<String, Object> body) {
        pulls.addFirst(job);
        executor.submit(() -> ProgressStream.read(api, executor, job, path, body), last -> {
            job.finish(last);
            if (job.state() == PullJob.State.DONE) {
                reprobe(job.node());
            }
        }, e -> job.fail(e.getMessage()));
    }

    /** Asks the node for its models again now, so a pulled or created model is listed without waiting for the probe loop. */
    private void reprobe(String nodeId) {
        Optional<String> shown = node.get();
        executor.submit(() -> {
            gateway.feature(NodesFeature.class).ifPresent(f -> f.registry().get(nodeId).ifPresent(f.prober()::probe));
            return read(shown);
        }, rows -> {
            if (node.get().equals(shown)) {
                apply(rows);
            }
        }, e -> message.set("Could not read the models: " + e.getMessage()));
    }

    /** "Copy to node…": pulls the model onto the other node. */
    public PullJob copyTo(ModelRow model, String targetNode) {
        return pull(model.name(), targetNode);
    }

    public void dismiss(PullJob job) {
        if (job.state() != PullJob.State.RUNNING) {
            pulls.remove(job);
        }
    }

    /** Deletes a model from the selected node; the list follows once the gateway has probed the node again. */
    public void delete(ModelRow model) {
        Optional<String> id = node.get();
        if (id.isEmpty()) {
            return;
        }
        message.set("");
        Map<String, Object> body = Map.of("model", model.name(), "node", id.get());
        executor.submit(() -> api.call("DELETE", "/api/delete", body, Duration.ofSeconds(60)), ok -> models.remove(model), e -> message.set("Could not delete " + model.name() + ": " + e.getMessage()));
    }
}
