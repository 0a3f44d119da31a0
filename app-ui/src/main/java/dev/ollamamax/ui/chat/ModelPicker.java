package dev.ollamamax.ui.chat;

import java.util.Objects;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

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
        box.setPrefWidth(320);
        box.setMinWidth(180);
        box.setCellFactory(l -> new ChoiceCell());
        box.setButtonCell(new ChoiceCell());
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

    /** The model in bold, the node that would serve it after it, muted. */
    private static final class ChoiceCell extends ListCell<ModelChoice> {
        private final Label name = new Label();
        private final Label node = new Label();
        private final HBox row = new HBox(8, name, node);

        ChoiceCell() {
            name.getStyleClass().add("cell-title");
            name.setMinWidth(Region.USE_PREF_SIZE);
            node.getStyleClass().addAll("text-muted", "text-small");
            node.setMinWidth(0);
            HBox.setHgrow(node, Priority.ALWAYS);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ModelChoice choice, boolean empty) {
            super.updateItem(choice, empty);
            setText(null);
            if (empty || choice == null) {
                setGraphic(null);
                return;
            }
            name.setText(choice.name());
            node.setText(choice.node().isEmpty() ? "" : "on " + choice.node());
            setGraphic(row);
        }
    }
}
