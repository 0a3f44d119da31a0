package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.UiExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** "Show details": {@code /api/show} for one model on one node (pinned with {@code "node"}), read in the background. */
public final class DetailsViewModel {

    private final GatewayApi api;
    private final UiExecutor executor;
    private final ReadOnlyObjectWrapper<Optional<ModelDetails>> details = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private long asked;

    DetailsViewModel(GatewayApi api, UiExecutor executor) {
        this.api = api;
        this.executor = executor;
    }

    public ReadOnlyObjectProperty<Optional<ModelDetails>> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Why the details could not be read, in words; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Reads the model's details from that node; an answer to an earlier request that arrives late is dropped. */
    public void load(String model, String node) {
        long ticket = ++asked;
        details.set(Optional.empty());
        message.set("");
        loading.set(true);
        Map<String, Object> body = Map.of("model", model, "node", node);
        executor.submit(() -> ModelDetails.of(model, node, api.call("POST", "/api/show", body, Duration.ofSeconds(30))),
                d -> {
                    if (ticket == asked) {
                        loading.set(false);
                        details.set(Optional.of(d));
                    }
                }, e -> {
                    if (ticket == asked) {
                        loading.set(false);
                        message.set("Could not read the details of " + model + " on " + node + ": " + e.getMessage());
                    }
                });
    }
}
