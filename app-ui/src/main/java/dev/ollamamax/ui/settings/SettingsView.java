package dev.ollamamax.ui.settings;

import atlantafx.base.controls.CustomTextField;
import dev.ollamamax.shared.config.ConfigSource;
import dev.ollamamax.ui.common.Chip;
import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.Screen;
import dev.ollamamax.ui.common.ScreenHeader;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Builds the Settings screen: a searchable table of every setting with inline editing. */
public final class SettingsView implements Screen {

    private final SettingsViewModel model;
    private final VBox root = new VBox();

    public SettingsView(SettingsViewModel model) {
        this.model = model;
        build();
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public Ikon icon() {
        return Feather.SLIDERS;
    }

    @Override
    public Node node() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("screen");
        CustomTextField search = new CustomTextField();
        search.setPromptText("Search settings…");
        search.setLeft(Icons.icon(Feather.SEARCH, 14));
        search.setPrefWidth(240);
        search.textProperty().bindBidirectional(model.filterProperty());
        Button revert = Icons.button("Revert", Feather.CORNER_UP_LEFT, "Throw away unsaved edits");
        revert.disableProperty().bind(model.hasChangesProperty().not().or(model.busyProperty()));
        revert.setOnAction(e -> model.revert());
        Button save = Icons.button("Save", Feather.SAVE, "Save the edited values to settings.properties (atomically)");
        save.setId("settings-save");
        save.getStyleClass().add("accent");
        save.setDefaultButton(true);
        save.disableProperty().bind(model.hasChangesProperty().not().or(model.busyProperty()));
        save.setOnAction(e -> model.save());
        HBox header = ScreenHeader.of("Settings",
                "The effective configuration and where each value comes from. Saved values override .env and environment.",
                search, revert, save);

        root.getChildren().addAll(header, restartBanner(), messageLabel(), table());
    }

    private HBox restartBanner() {
        Label text = new Label("Some saved changes only take effect after the gateway restarts.");
        text.setGraphic(Icons.icon(Feather.ALERT_TRIANGLE, 14));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button restart = Icons.button("Restart gateway", Feather.ROTATE_CW,
                "Stop the three listeners and start them again with the saved settings");
        restart.setId("settings-restart-gateway");
        restart.disableProperty().bind(model.busyProperty());
        restart.setOnAction(e -> model.restartGateway());
        HBox banner = new HBox(10, text, spacer, restart);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().addAll("banner", "banner-warning");
        banner.visibleProperty().bind(model.restartNeededProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Label messageLabel() {
        Label message = new Label();
        message.setId("settings-message");
        message.getStyleClass().addAll("text-muted");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

    private TableView<SettingRow> table() {
        TableView<SettingRow> table = new TableView<>(model.rows());
        table.setId("settings-table");
        table.getStyleClass().addAll("edge-to-edge");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        TableColumn<SettingRow, SettingRow> name = new TableColumn<>("Setting");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setPrefWidth(330);

        TableColumn<SettingRow, SettingRow> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        value.setCellFactory(c -> new ValueCell());
        value.setPrefWidth(300);

        TableColumn<SettingRow, ConfigSource> source = new TableColumn<>("Source");
        source.setCellValueFactory(c -> c.getValue().sourceProperty());
        source.setCellFactory(c -> new SourceCell());
        source.setPrefWidth(130);

        TableColumn<SettingRow, SettingRow> actions = new TableColumn<>("");
        actions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actions.setCellFactory(c -> new ForgetCell());
        actions.setPrefWidth(60);
        actions.setSortable(false);

        table.getColumns().setAll(java.util.List.of(name, value, source, actions));
        return table;
    }

    private static final class NameCell extends TableCell<SettingRow, SettingRow> {
        private final Label name = new Label();
        private final Label description = new Label();
        private final VBox box = new VBox(1, name, description);

        NameCell() {
            name.getStyleClass().addAll("cell-title", "mono");
            description.getStyleClass().addAll("cell-subtitle", "text-muted");
        }

        @Override
        protected void updateItem(SettingRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(row.name() + (row.needsRestart() ? "" : "  ·  applies at once"));
            description.setText(row.description());
            setGraphic(box);
        }
    }

    /**
     * The value field, decorated by ControlsFX validation as the person types (a red mark with the problem as
     * its tooltip); Save refuses what is still wrong with the same message.
     */
    private static final class ValueCell extends TableCell<SettingRow, SettingRow> {
        private final TextField plain = new TextField();
        private final PasswordField secret = new PasswordField();
        private final ValidationSupport validation = new ValidationSupport();
        private SettingRow bound;

        ValueCell() {
            plain.getStyleClass().add("mono");
            validation.registerValidator(plain, false, this::check);
            validation.registerValidator(secret, false, this::check);
        }

        private ValidationResult check(Control field, String text) {
            SettingRow row = bound;
            java.util.Optional<String> problem = row == null ? java.util.Optional.empty()
                    : SettingsValidation.problem(row.setting(), text == null ? "" : text);
            return ValidationResult.fromErrorIf(field, problem.orElse(""), problem.isPresent());
        }

        @Override
        protected void updateItem(SettingRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                plain.textProperty().unbindBidirectional(bound.valueProperty());
                secret.textProperty().unbindBidirectional(bound.valueProperty());
                bound = null;
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bound = row;
            TextInputControl field = row.secret() ? secret : plain;
            if (row.secret()) {
                secret.setPromptText(row.shownProperty().get().isEmpty() ? "not set" : "•••••••• (unchanged)");
            } else {
                plain.setPromptText("empty");
            }
            field.textProperty().bindBidirectional(row.valueProperty());
            field.setId("value-" + row.name());
            setGraphic(field);
        }
    }

    private static final class SourceCell extends TableCell<SettingRow, ConfigSource> {
        private final Chip chip = new Chip();

        @Override
        protected void updateItem(ConfigSource source, boolean empty) {
            super.updateItem(source, empty);
            if (empty || source == null) {
                setGraphic(null);
                return;
            }
            chip.set(source.label(), switch (source) {
                case DEFAULT -> Chip.Tone.NEUTRAL;
                case DOTENV, ENVIRONMENT -> Chip.Tone.ACCENT;
                case SAVED -> Chip.Tone.SUCCESS;
                case COMMAND_LINE -> Chip.Tone.WARNING;
            });
            setGraphic(chip);
        }
    }

    private final class ForgetCell extends TableCell<SettingRow, SettingRow> {
        private final Button forget = Icons.iconButton(Feather.X_CIRCLE,
                "Remove the saved value: fall back to .env, environment or default");

        ForgetCell() {
            forget.setOnAction(e -> model.forget(getItem()));
        }

        @Override
        protected void updateItem(SettingRow row, boolean empty) {
            super.updateItem(row, empty);
            forget.visibleProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            forget.visibleProperty().bind(row.sourceProperty().isEqualTo(ConfigSource.SAVED));
            setGraphic(forget);
        }
    }
}
