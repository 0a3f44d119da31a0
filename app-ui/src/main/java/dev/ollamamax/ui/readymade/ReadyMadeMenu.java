package dev.ollamamax.ui.readymade;

import dev.ollamamax.ui.common.Icons;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The Services screen's "Add to stack" button (one item per ready-made tool) and the banner with its outcome. */
public final class ReadyMadeMenu {

    private final MenuButton button = new MenuButton("Add to stack");
    private final VBox banners = new VBox(6);

    public ReadyMadeMenu(ReadyMadeViewModel model) {
        button.setId("add-to-stack");
        button.setGraphic(Icons.icon(Feather.PLUS, 14));
        button.setTooltip(Icons.tooltip("Run Prometheus or Grafana from this window, configured for this gateway"));
        button.disableProperty().bind(model.busyProperty());
        button.setOnShowing(e -> model.refresh());
        for (ReadyMade tool : ReadyMade.values()) {
            MenuItem item = new MenuItem(tool.displayName());
            item.setId("add-" + tool.processName());
            item.setOnAction(e -> model.add(tool));
            model.foundProperty(tool).addListener((o, was, now) -> show(item, tool, now.isPresent()));
            show(item, tool, false);
            button.getItems().add(item);
        }
        banners.getChildren().addAll(banner(model, "banner-success", model.noticeProperty()),
                banner(model, "banner-danger", model.errorProperty()));
        banners.setId("ready-made-banners");
        model.refresh();
    }

    private static void show(MenuItem item, ReadyMade tool, boolean found) {
        item.setDisable(!found);
        item.setText(found ? tool.displayName() : tool.displayName() + " (" + tool.executables().getFirst() + " not on the PATH)");
    }

    private static Label banner(ReadyMadeViewModel model, String style, javafx.beans.value.ObservableStringValue text) {
        Label label = new Label();
        label.getStyleClass().addAll("banner", style);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        label.setOnMouseClicked(e -> model.dismiss());
        return label;
    }

    public MenuButton button() {
        return button;
    }

    public VBox banners() {
        return banners;
    }
}
