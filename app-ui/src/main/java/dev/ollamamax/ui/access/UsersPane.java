package dev.ollamamax.ui.access;

import dev.ollamamax.ui.common.Icons;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;

/** Admins only: every account, with create (ControlsFX-validated), change role, disable/enable and reset password. */
final class UsersPane {

    private final AccessViewModel model;
    private final VBox root = new VBox(8);
    private final ValidationSupport validation = new ValidationSupport();

    UsersPane(AccessViewModel model) {
        this.model = model;
        Label title = new Label("Users");
        title.getStyleClass().addAll("section-title", "title-4");
        TextField username = KeysPane.field("user-name", "username", 12);
        PasswordField password = new PasswordField();
        password.setId("user-password");
        password.setPromptText("password (8+ characters)");
        password.setPrefColumnCount(14);
        ComboBox<String> role = new ComboBox<>(javafx.collections.FXCollections.observableArrayList("user", "admin"));
        role.setId("user-role");
        role.setValue("user");
        validate(username, AccessForms::username);
        validate(password, AccessForms::password);
        Button create = Icons.button("Create user", Feather.USER_PLUS, "Create an account that can sign in to this gateway");
        create.setId("create-user");
        create.disableProperty().bind(validation.invalidProperty());
        create.setOnAction(e -> {
            model.createUser(username.getText(), password.getText(), role.getValue());
            username.clear();
            password.clear();
        });
        HBox form = new HBox(8, username, password, role, create);
        form.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(title, form, table());
        root.visibleProperty().bind(model.adminProperty());
        root.managedProperty().bind(root.visibleProperty());
    }

    Node node() {
        return root;
    }

    private TableView<UserRow> table() {
        TableView<UserRow> table = new TableView<>(model.users());
        table.setId("users-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Only the desktop's own account so far — create one for each person or app that signs in."));
        table.setFixedCellSize(36);
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.size(model.users()).multiply(36).add(40));
        table.setMinHeight(110);
        table.getColumns().setAll(List.of(KeysPane.text("Username", 180, UserRow::username), roleColumn(),
                KeysPane.text("Status", 100, u -> u.disabled() ? "disabled" : "active"),
                KeysPane.text("Created", 150, UserRow::createdAt), actionsColumn()));
        return table;
    }

    private TableColumn<UserRow, UserRow> roleColumn() {
        return column("Role", 130, row -> {
            ComboBox<String> role = new ComboBox<>(javafx.collections.FXCollections.observableArrayList("user", "admin"));
            role.setValue(row.role());
            role.setId("role-" + row.username());
            role.setOnAction(e -> {
                if (!role.getValue().equals(row.role())) {
                    model.setRole(row, role.getValue());
                }
            });
            return role;
        });
    }

    private TableColumn<UserRow, UserRow> actionsColumn() {
        return column("", 260, row -> {
            Button toggle = Icons.button(row.disabled() ? "Enable" : "Disable", row.disabled() ? Feather.USER_CHECK : Feather.USER_X,
                    row.disabled() ? "Let the account sign in again" : "Refuse the account's sign-ins, tokens and keys");
            toggle.setId((row.disabled() ? "enable-" : "disable-") + row.username());
            toggle.setOnAction(e -> model.setDisabled(row, !row.disabled()));
            Button reset = Icons.button("Reset password", Feather.LOCK, "Set a new password for this account");
            reset.setId("reset-" + row.username());
            reset.setOnAction(e -> askPassword(row).ifPresent(p -> model.resetPassword(row, p)));
            return new HBox(6, toggle, reset);
        });
    }

    private Optional<String> askPassword(UserRow row) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle("Reset password");
        dialog.setHeaderText("New password for " + row.username());
        PasswordField field = new PasswordField();
        field.setPromptText("8+ characters");
        dialog.getDialogPane().setContent(field);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ButtonType.OK);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(field.textProperty().length().lessThan(AccessForms.MIN_PASSWORD));
        dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText() : null);
        return dialog.showAndWait();
    }

    private static TableColumn<UserRow, UserRow> column(String title, double width, Function<UserRow, Node> graphic) {
        TableColumn<UserRow, UserRow> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(UserRow row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null ? null : graphic.apply(row));
            }
        });
        return c;
    }

    private void validate(Control field, Function<String, Optional<String>> rule) {
        validation.registerValidator(field, true, (Control c, String text) -> {
            Optional<String> problem = rule.apply(text == null ? "" : text);
            return ValidationResult.fromErrorIf(c, problem.orElse(""), problem.isPresent());
        });
    }
}
