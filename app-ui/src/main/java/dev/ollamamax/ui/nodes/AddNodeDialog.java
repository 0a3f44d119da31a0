package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Icons;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Add node": URL and an optional name. The gateway tests the node before it adds it; while it does, the
 * dialog stays open, and a refusal is shown in it with the gateway's reason.
 */
final class AddNodeDialog {

    private AddNodeDialog() {
    }

    static void show(Window owner, NodesViewModel model) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add node");
        dialog.setHeaderText("Add an Ollama server");
        ButtonType addType = new ButtonType("Test and add", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, addType);

        TextField url = new TextField();
        url.setId("add-node-url");
        url.setPromptText("http://127.0.0.1:11434");
        url.setPrefColumnCount(28);
        TextField name = new TextField();
        name.setId("add-node-name");
        name.setPromptText("optional, e.g. gpu-box");
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("URL"), url);
        form.addRow(1, new Label("Name"), name);
        Label error = new Label();
        error.setId("add-node-error");
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.setGraphic(Icons.icon(Feather.ALERT_CIRCLE, 14));
        error.getStyleClass().addAll("banner", "banner-danger");
        error.managedProperty().bind(error.visibleProperty());
        error.setVisible(false);
        Label hint = new Label("The gateway asks the server for /api/tags, /api/ps and /api/version first.");
        hint.getStyleClass().addAll("text-muted", "text-small");
        dialog.getDialogPane().setContent(new VBox(10, form, hint, error));

        Button add = (Button) dialog.getDialogPane().lookupButton(addType);
        add.setId("add-node-confirm");
        add.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            add.setDisable(true);
            add.setText("Testing…");
            error.setVisible(false);
            model.add(url.getText(), name.getText(), failure -> {
                add.setDisable(false);
                add.setText("Test and add");
                if (failure.isPresent()) {
                    error.setText(failure.get());
                    error.setVisible(true);
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                } else {
                    dialog.setResult(addType);
                    dialog.close();
                }
            });
        });
        url.requestFocus();
        dialog.show();
    }
}
