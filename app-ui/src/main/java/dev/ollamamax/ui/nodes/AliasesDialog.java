package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Aliases…" (admin): the model aliases with their fallbacks; selecting a stored one puts it in the form to
 * edit, Save adds or replaces, Delete removes it. Configured ones are shown, not edited.
 */
final class AliasesDialog {

    private final AliasesViewModel model;
    private final ValidationSupport validation = new ValidationSupport();
    private final TextField name = new TextField();
    private final TextField models = new TextField();

    private AliasesDialog(AliasesViewModel model) {
        this.model = model;
    }

    static void show(Window owner, AliasesViewModel model) {
        new AliasesDialog(model).open(owner);
    }

    private void open(Window owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Model aliases");
        dialog.setHeaderText("Aliases: a name clients ask for, served by the first model some healthy node has");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("aliases-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.getDialogPane().setPrefWidth(760);

        TableView<AliasRow> table = table();
        name.setId("alias-name");
        name.setPromptText("alias, e.g. coder");
        name.setPrefColumnCount(12);
        models.setId("alias-models");
        models.setPromptText("models, first choice first: qwen2.5-coder:32b, qwen2.5-coder:7b");
        HBox.setHgrow(models, Priority.ALWAYS);
        Button save = Icons.button("Save", Feather.SAVE, "Add the alias, or replace the models of the one of that name");
        save.setId("alias-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(validation.invalidProperty());
        save.setOnAction(e -> model.save(name.getText(), models.getText()));
        Button delete = Icons.button("Delete", Feather.TRASH_2, "Delete the selected stored alias");
        delete.setId("alias-delete");
        delete.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            AliasRow row = table.getSelectionModel().getSelectedItem();
            return row == null || row.configured();
        }, table.getSelectionModel().selectedItemProperty()));
        delete.setOnAction(e -> model.delete(table.getSelectionModel().getSelectedItem()));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.configured()) {
                name.setText(now.name());
                models.setText(now.modelsText());
            }
        });
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        delete.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox form = new HBox(8, name, models, save, delete);
        form.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("aliases-message");
        message.setWrapText(true);
        message.getStyleClass().addAll("banner", "banner-danger");
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Label hint = new Label("Configured aliases come from MODEL_ALIASES (Settings); stored ones reach every gateway instance.");
        hint.getStyleClass().addAll("text-muted", "text-small");
        hint.setWrapText(true);
        dialog.getDialogPane().setContent(new VBox(10, table, form, message, hint));
        model.refresh();
        dialog.show();
        // after show: ControlsFX decorates by wrapping the scene's root, which must be the shown DialogPane by then
        validation.registerValidator(name, true, rule(AliasesViewModel::checkName));
        validation.registerValidator(models, true, rule(AliasesViewModel::checkModels));
    }

    private TableView<AliasRow> table() {
        TableView<AliasRow> table = new TableView<>(model.aliases());
        table.setId("aliases-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No aliases yet: add one below, e.g. coder → qwen2.5-coder:32b, qwen2.5-coder:7b"));
        table.setPrefHeight(220);
        TableColumn<AliasRow, String> alias = new TableColumn<>("Alias");
        alias.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        alias.setPrefWidth(130);
        alias.getStyleClass().add("mono-column");
        TableColumn<AliasRow, AliasRow> source = new TableColumn<>("Source");
        source.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        source.setCellFactory(c -> new SourceCell());
        source.setPrefWidth(90);
        TableColumn<AliasRow, String> chain = new TableColumn<>("Models, in the order tried");
        chain.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().chain()));
        table.getColumns().setAll(List.of(alias, source, chain));
        return table;
    }

    private static org.controlsfx.validation.Validator<String> rule(Function<String, Optional<String>> check) {
        return (Control c, String text) -> {
            Optional<String> problem = check.apply(text == null ? "" : text);
            return ValidationResult.fromErrorIf(c, problem.orElse(""), problem.isPresent());
        };
    }

    private static final class SourceCell extends TableCell<AliasRow, AliasRow> {
        private final Chip chip = new Chip();

        @Override
        protected void updateItem(AliasRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            chip.set(row.configured() ? "configured" : "stored", row.configured() ? Chip.Tone.NEUTRAL : Chip.Tone.ACCENT);
            setGraphic(chip);
        }
    }
}
