package dev.ollamamax.ui.chat;

import java.util.Objects;
import javafx.scene.control.ComboBox;

/** The model picker of the Chat header: models across all nodes, each with the node that would serve it. */
final class ModelPicker {

    private final ChatViewModel model;
    private final ComboBox<ModelChoice> box = new ComboBox<>();
    private boolean updating;

    ModelPicker(ChatViewModel model) {
        this.model = model;
        box.setId("chat-model");
        box.setItems(model.models());
        box.setPromptText("Choose a model");
        box.setPrefWidth(300);
        box.setOnShowing(e -> model.refreshModels());
        box.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null && !Objects.equals(model.settingsProperty().get().model().orElse(null), now.name())) {
                model.setSettings(model.settingsProperty().get().withModel(now.name()));
            }
        });
        model.settingsProperty().addListener((o, was, now) -> show());
        model.models().addListener((javafx.collections.ListChangeListener<ModelChoice>) c -> show());
        show();
    }

    /** Selects the conversation's model (a model no node has any more is shown as such). */
    private void show() {
        updating = true;
        try {
            String name = model.settingsProperty().get().model().orElse(null);
            if (name == null) {
                box.setValue(null);
                return;
            }
            box.setValue(model.models().stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElse(new ModelChoice(name, "no node has it")));
        } finally {
            updating = false;
        }
    }

    ComboBox<ModelChoice> node() {
        return box;
    }
}
