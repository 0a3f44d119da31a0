package dev.ollamamax.ui.app;

import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.Screen;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The left sidebar: brand, one entry per screen (with its Ctrl+n shortcut), theme switch in the footer. */
final class Sidebar {

    private final VBox root = new VBox();
    private final ToggleGroup group = new ToggleGroup();
    private final List<ToggleButton> entries;

    Sidebar(List<Screen> screens, IntConsumer onSelect, ObjectProperty<Theme> theme, Runnable toggleTheme) {
        root.getStyleClass().add("sidebar");
        root.setId("sidebar");

        ImageView logo = new ImageView(Icons.appIcon(64));
        logo.setFitWidth(30);
        logo.setFitHeight(30);
        logo.setSmooth(true);
        Label name = new Label("OllamaMax");
        name.getStyleClass().add("brand-name");
        Label tagline = new Label("Local AI gateway");
        tagline.getStyleClass().add("brand-tagline");
        HBox brand = new HBox(10, logo, new VBox(0, name, tagline));
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add("brand");

        Label section = new Label("WORKSPACE");
        section.getStyleClass().add("sidebar-section");

        VBox nav = new VBox(2);
        nav.getStyleClass().add("sidebar-nav");
        entries = new java.util.ArrayList<>();
        for (int i = 0; i < screens.size(); i++) {
            Screen s = screens.get(i);
            Label shortcut = new Label("Ctrl+" + (i + 1));
            shortcut.getStyleClass().add("nav-shortcut");
            Label text = new Label(s.title());
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox content = new HBox(10, Icons.icon(s.icon(), 16), text, gap, shortcut);
            content.setAlignment(Pos.CENTER_LEFT);
            ToggleButton entry = new ToggleButton();
            entry.setGraphic(content);
            entry.setToggleGroup(group);
            entry.setMaxWidth(Double.MAX_VALUE);
            entry.getStyleClass().add("nav-item");
            entry.setId("nav-" + s.title().toLowerCase(java.util.Locale.ROOT));
            entry.setAccessibleText(s.title());
            entry.setTooltip(Icons.tooltip(s.title() + " (Ctrl+" + (i + 1) + ")"));
            int index = i;
            entry.setOnAction(e -> {
                entry.setSelected(true);
                onSelect.accept(index);
            });
            entries.add(entry);
            nav.getChildren().add(entry);
        }

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);

        Button themeButton = new Button();
        themeButton.setId("theme-toggle");
        themeButton.getStyleClass().addAll("flat", "theme-toggle");
        themeButton.setMaxWidth(Double.MAX_VALUE);
        themeButton.setAlignment(Pos.CENTER_LEFT);
        themeButton.setOnAction(e -> toggleTheme.run());
        theme.addListener((o, was, now) -> showTheme(themeButton, now));
        showTheme(themeButton, theme.get());
        Label version = new Label("OllamaMax Desktop 0.1.0");
        version.getStyleClass().add("sidebar-version");

        root.getChildren().addAll(brand, section, nav, spacer, themeButton, version);
    }

    private static void showTheme(Button button, Theme theme) {
        boolean dark = theme == Theme.DARK;
        button.setText(dark ? "Light theme" : "Dark theme");
        button.setGraphic(Icons.icon(dark ? Feather.SUN : Feather.MOON, 15));
        button.setTooltip(Icons.tooltip("Switch to the " + (dark ? "light" : "dark") + " theme (remembered)"));
    }

    void select(int index) {
        entries.get(index).setSelected(true);
    }

    VBox node() {
        return root;
    }
}
