package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Presets in the chat's settings pane: pick one to apply it, save the current settings as one, delete one. */
final class PresetsSection {

    private final ChatPresets presets;
    private final ComboBox<String> names = new ComboBox<>();
    private final VBox root;

    PresetsSection(ChatPresets presets) {
        this.presets = presets;
        names.setId("chat-presets");
        names.setItems(presets.names());
        names.setPromptText("Apply a preset…");
        names.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(names, Priority.ALWAYS);
        names.setOnAction(e -> {
            String chosen = names.getValue();
            if (chosen != null) {
                presets.apply(chosen);
            }
        });
        Button save = Icons.iconButton(Feather.SAVE, "Save these settings as a preset (without the model)");
        save.setId("chat-preset-save");
        save.setOnAction(e -> save());
        Button delete = Icons.iconButton(Feather.TRASH_2, "Delete the chosen preset");
        delete.disableProperty().bind(names.valueProperty().isNull());
        delete.setOnAction(e -> {
            presets.delete(names.getValue());
            names.setValue(null);
        });
        HBox row = new HBox(4, names, save, delete);
        row.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Presets");
        title.getStyleClass().add("text-small");
        root = new VBox(6, title, row);
    }

    VBox node() {
        return root;
    }

    private void save() {
        TextInputDialog dialog = new TextInputDialog(names.getValue() == null ? "" : names.getValue());
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle("Save preset");
        dialog.setHeaderText("A name for these settings (the model is not part of a preset)");
        dialog.showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(presets::saveCurrent);
    }
}
