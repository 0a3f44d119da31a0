package dev.ollamamax.ui.access;

import dev.ollamamax.ui.common.Icons;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;

/** "My keys": the create form (ControlsFX-validated), the secret shown once with Copy, and the keys table. */
final class KeysPane {

    private final AccessViewModel model;
    private final VBox root = new VBox(8);
    private final ValidationSupport validation = new ValidationSupport();

    KeysPane(AccessViewModel model) {
        this.model = model;
        build();
    }

    VBox node() {
        return root;
    }

    private void build() {
        Label title = new Label("My keys");
        title.getStyleClass().addAll("section-title", "title-4");
        TextField name = field("key-name", "name, e.g. notebook", 11);
        TextField models = field("key-models", "models, comma-separated (all)", 15);
        TextField rpm = field("key-rpm", "requests/min", 6);
        TextField tpm = field("key-tpm", "tokens/min", 6);
        TextField expires = field("key-expires", "expires YYYY-MM-DD", 9);
        CheckBox manage = new CheckBox("manages keys");
        manage.setId("key-manage");
        manage.setTooltip(Icons.tooltip("The key may itself create and revoke keys (scope \"keys\")"));
        validate(name, AccessForms::keyName, true);
        validate(rpm, AccessForms::limit, false);
        validate(tpm, AccessForms::limit, false);
        validate(expires, AccessForms::date, false);
        Button create = Icons.button("Create key", Feather.KEY, "Create an API key; its secret is shown once");
        create.setId("create-key");
        create.getStyleClass().add("accent");
        create.disableProperty().bind(validation.invalidProperty());
        create.setOnAction(e -> {
            model.createKey(new NewKey(name.getText(), manage.isSelected(), models.getText(), rpm.getText(),
                    tpm.getText(), expires.getText()));
            List.of(name, models, rpm, tpm, expires).forEach(TextField::clear);
            manage.setSelected(false);
        });
        FlowPane form = new FlowPane(8, 8, name, models, rpm, tpm, expires, manage, create);
        form.setAlignment(Pos.CENTER_LEFT);

        root.getChildren().addAll(title, form, secretPane(), table());
    }

    private VBox secretPane() {
        Label heading = new Label("Your new key — copy it now, it is not shown again");
        heading.getStyleClass().add("section-title");
        TextField secret = new TextField();
        secret.setId("key-secret");
        secret.setEditable(false);
        secret.getStyleClass().add("mono");
        secret.textProperty().bind(model.secretProperty());
        HBox.setHgrow(secret, Priority.ALWAYS);
        Button copy = Icons.button("Copy", Feather.COPY, "Copy the key to the clipboard");
        copy.setId("copy-secret");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.secretProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        Button done = Icons.button("Done", Feather.CHECK, "Hide the key for good");
        done.setId("dismiss-secret");
        done.setOnAction(e -> {
            copy.setText("Copy");
            model.dismissSecret();
        });
        Label use = new Label("Use it as the Bearer token of the OpenAI client (base URL …/v1) or the Ollama API (/api).");
        use.getStyleClass().addAll("text-muted", "text-small");
        VBox box = new VBox(6, heading, new HBox(8, secret, copy, done), use);
        box.setId("secret-pane");
        box.getStyleClass().addAll("banner", "banner-success");
        box.visibleProperty().bind(model.secretProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private TableView<KeyRow> table() {
        TableView<KeyRow> table = new TableView<>(model.keys());
        table.setId("keys-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No API keys yet — create one to use the OpenAI or Ollama clients with this gateway.");
        empty.setId("keys-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        table.setFixedCellSize(34);
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.size(model.keys()).multiply(34).add(40));
        table.setMinHeight(100);
        table.getColumns().setAll(List.of(text("Name", 150, KeyRow::name), text("Key", 120, k -> k.prefix() + "…"),
                text("May use", 230, KeyRow::limitsText), text("Created", 140, k -> KeyRow.minute(k.createdAt())),
                text("Last used", 140, KeyRow::lastUsedText), revokeColumn()));
        return table;
    }

    private TableColumn<KeyRow, KeyRow> revokeColumn() {
        TableColumn<KeyRow, KeyRow> c = new TableColumn<>("");
        c.setPrefWidth(120);
        c.setMinWidth(120);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Button revoke = Icons.button("Revoke", Feather.TRASH_2, "Revoke the key: clients using it are refused");

            @Override
            protected void updateItem(KeyRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                revoke.setId("revoke-" + row.name());
                revoke.getStyleClass().add("danger");
                revoke.setOnAction(e -> model.revoke(row));
                setGraphic(revoke);
            }
        });
        return c;
    }

    static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(value.apply(v.getValue())));
        return c;
    }

    static TextField field(String id, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        return f;
    }

    void validate(Control field, Function<String, Optional<String>> rule, boolean required) {
        validation.registerValidator(field, required, (Control c, String text) -> {
            Optional<String> problem = rule.apply(text == null ? "" : text);
            return ValidationResult.fromErrorIf(c, problem.orElse(""), problem.isPresent());
        });
    }
}
