package dev.ollamamax.ui.nodes;

import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Show details": the facts of {@code /api/show} (family, quantization, size, context length, capabilities)
 * and the Modelfile parts (parameters, template, system; the license collapsed). Not modal; it fills in when
 * the answer arrives.
 */
final class DetailsDialog {

    private final DetailsViewModel model;
    private final VBox content = new VBox(10);

    private DetailsDialog(DetailsViewModel model) {
        this.model = model;
    }

    static void show(Window owner, DetailsViewModel model, String title) {
        DetailsDialog d = new DetailsDialog(model);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Model details");
        dialog.setHeaderText(title);
        dialog.setResizable(true);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.getDialogPane().setId("model-details");
        dialog.getDialogPane().setContent(d.content);
        dialog.getDialogPane().setPrefWidth(620);
        d.content.setMinHeight(200);
        d.render();
        javafx.beans.InvalidationListener redraw = o -> d.render();
        model.detailsProperty().addListener(redraw);
        model.messageProperty().addListener(redraw);
        dialog.setOnHidden(e -> {
            model.detailsProperty().removeListener(redraw);
            model.messageProperty().removeListener(redraw);
        });
        dialog.show();
    }

    private void render() {
        Optional<ModelDetails> details = model.detailsProperty().get();
        if (!model.messageProperty().get().isEmpty()) {
            Label error = new Label(model.messageProperty().get(), Icons.icon(Feather.ALERT_CIRCLE, 14));
            error.setId("details-error");
            error.setWrapText(true);
            error.getStyleClass().addAll("banner", "banner-danger");
            content.getChildren().setAll(error);
        } else if (details.isEmpty()) {
            ProgressIndicator wait = new ProgressIndicator();
            wait.setMaxSize(32, 32);
            content.getChildren().setAll(wait, new Label("Asking the node…"));
        } else {
            content.getChildren().setAll(facts(details.get()), capabilities(details.get()),
                    section("Parameters", "details-parameters", details.get().parameters(), true),
                    section("Template", "details-template", details.get().template(), true),
                    section("System prompt", "details-system", details.get().system(), true),
                    section("License", "details-license", details.get().license(), false));
        }
    }

    private static GridPane facts(ModelDetails d) {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(4);
        row(grid, 0, "Family", "details-family", d.family());
        row(grid, 1, "Quantization", "details-quantization", d.quantization());
        row(grid, 2, "Parameters", "details-parameter-size", d.parameterSize());
        row(grid, 3, "Context length", "details-context", d.contextText());
        return grid;
    }

    private static void row(GridPane grid, int row, String name, String id, String value) {
        Label key = new Label(name);
        key.getStyleClass().add("text-muted");
        Label v = new Label(value.isBlank() ? "–" : value);
        v.setId(id);
        grid.addRow(row, key, v);
    }

    private static FlowPane capabilities(ModelDetails d) {
        FlowPane chips = new FlowPane(6, 6);
        chips.setId("details-capabilities");
        Label name = new Label("Capabilities");
        name.getStyleClass().add("text-muted");
        chips.getChildren().add(name);
        d.capabilities().forEach(c -> {
            Chip chip = new Chip();
            chip.set(c, Chip.Tone.ACCENT);
            chips.getChildren().add(chip);
        });
        if (d.capabilities().isEmpty()) {
            chips.getChildren().add(new Label("– (the node did not say)"));
        }
        return chips;
    }

    private static TitledPane section(String title, String id, String text, boolean expanded) {
        TextArea area = new TextArea(text.isBlank() ? "(none)" : text);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("mono");
        area.setPrefRowCount(Math.min(8, Math.max(2, (int) text.lines().count())));
        TitledPane pane = new TitledPane(title, area);
        pane.setExpanded(expanded && !text.isBlank());
        pane.setAnimated(false);
        return pane;
    }
}
