package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Icons;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Create from Modelfile": the new name (checked as typed; a name the node already has is a warning, since
 * creating replaces it), the base model from the node's models, a system prompt, {@code num_ctx},
 * {@code temperature} and a raw Modelfile for the rest. Create sends it and closes; the progress shows in the
 * Models pane like a pull's.
 */
final class CreateDialog {

    private final ValidationSupport validation = new ValidationSupport();
    private final TextField name = field("create-name", "new model name, e.g. mario or team/coder:8k");
    private final ComboBox<String> from = new ComboBox<>();
    private final TextArea system = new TextArea();
    private final TextField numCtx = field("create-num-ctx", "e.g. 8192");
    private final TextField temperature = field("create-temperature", "e.g. 0.7");
    private final TextArea modelfile = new TextArea();

    private CreateDialog() {
    }

    static void show(Window owner, ModelsViewModel model, Optional<String> base) {
        new CreateDialog().open(owner, model, base);
    }

    private void open(Window owner, ModelsViewModel model, Optional<String> base) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Create model");
        dialog.setHeaderText("Create a model on " + model.nodeProperty().get().orElse("the node") + " from a Modelfile");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("create-dialog");
        ButtonType createType = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, createType);

        List<String> names = model.modelNames();
        from.setId("create-from");
        from.getItems().setAll(names);
        from.setPromptText("base model");
        from.setMaxWidth(Double.MAX_VALUE);
        base.filter(names::contains).ifPresent(from::setValue);
        system.setId("create-system");
        system.setPromptText("You are a concise assistant for our team's code reviews.");
        system.setPrefRowCount(3);
        system.setWrapText(true);
        modelfile.setId("create-modelfile");
        modelfile.getStyleClass().add("mono");
        modelfile.setPrefRowCount(5);
        modelfile.setPromptText("Optional, more Modelfile lines:\nPARAMETER stop \"<|end|>\"\nTEMPLATE \"\"\"{{ .Prompt }}\"\"\"");

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Base model"), from);
        form.addRow(2, new Label("System prompt"), system);
        form.addRow(3, new Label("Parameters"), parameters());
        form.addRow(4, new Label("Modelfile"), modelfile);
        ObjectBinding<NewModel> current = Bindings.createObjectBinding(() -> new NewModel(name.getText(), from.getValue(),
                system.getText(), numCtx.getText(), temperature.getText(), modelfile.getText()),
                name.textProperty(), from.valueProperty(), system.textProperty(), numCtx.textProperty(),
                temperature.textProperty(), modelfile.textProperty());
        Label problem = new Label();
        problem.setId("create-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(520);
        problem.getStyleClass().addAll("text-muted", "text-small");
        problem.textProperty().bind(Bindings.createStringBinding(() -> current.get().problem().orElse(""), current));
        Label hint = new Label("The node builds the model from the base model's layers; nothing is downloaded.");
        hint.getStyleClass().addAll("text-muted", "text-small");
        dialog.getDialogPane().setContent(new VBox(10, form, problem, hint));
        dialog.getDialogPane().setPrefWidth(640);

        Button create = (Button) dialog.getDialogPane().lookupButton(createType);
        create.setId("create-confirm");
        create.setGraphic(Icons.icon(Feather.PLUS_SQUARE, 14));
        create.disableProperty().bind(validation.invalidProperty().or(problem.textProperty().isNotEmpty()));
        create.addEventFilter(ActionEvent.ACTION, e -> {
            if (model.create(current.get()).isEmpty()) {
                e.consume(); // the view-model said why; the dialog stays open
            }
        });
        dialog.show();
        // after show: ControlsFX decorates by wrapping the scene's root, which must be the shown DialogPane by then
        validate(names);
        name.requestFocus();
    }

    private void validate(List<String> names) {
        validation.registerValidator(name, true, (Control c, String text) -> {
            Optional<String> problem = NewModel.checkName(text);
            return problem.map(p -> ValidationResult.fromError(c, p)).orElseGet(() -> ValidationResult.fromWarningIf(c,
                    "The node has a model of this name: creating replaces it", names.contains(fullName(text))));
        });
        validation.registerValidator(numCtx, false, rule(ModelParameters::numCtx));
        validation.registerValidator(temperature, false, rule(ModelParameters::temperature));
        validation.registerValidator(modelfile, false, rule(Modelfile::check));
    }

    private HBox parameters() {
        Label ctx = new Label("num_ctx");
        Label temp = new Label("temperature");
        ctx.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        temp.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox box = new HBox(8, ctx, numCtx, temp, temperature);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static String fullName(String text) {
        String n = text == null ? "" : text.strip();
        return n.substring(n.lastIndexOf('/') + 1).contains(":") ? n : n + ":latest";
    }

    private static org.controlsfx.validation.Validator<String> rule(java.util.function.Function<String, Optional<String>> check) {
        return (Control c, String text) -> {
            Optional<String> problem = check.apply(text == null ? "" : text);
            return ValidationResult.fromErrorIf(c, problem.orElse(""), problem.isPresent());
        };
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(12);
        return f;
    }
}
