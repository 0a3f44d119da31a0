package dev.ollamamax.ui.access;

import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.Screen;
import dev.ollamamax.ui.common.ScreenHeader;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The Access screen: my keys, my usage, and for admins the users; read when shown and on Ctrl+R. */
public final class AccessView implements Screen {

    private final AccessViewModel model;
    private final VBox root = new VBox();

    public AccessView(AccessViewModel model) {
        this.model = model;
        build();
    }

    @Override
    public String title() {
        return "Access";
    }

    @Override
    public Ikon icon() {
        return Feather.KEY;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    public void shown() {
        model.refresh();
    }

    private void build() {
        root.getStyleClass().add("screen");
        Button refresh = Icons.button("Refresh", Feather.REFRESH_CW, "Read keys, usage and users again (Ctrl+R)");
        refresh.setId("access-refresh");
        refresh.setOnAction(e -> model.refresh());
        HBox header = ScreenHeader.of("Access",
                "API keys for the OpenAI and Ollama clients, what they used, and who may sign in.", refresh);
        Label account = new Label();
        account.getStyleClass().addAll("text-muted", "text-small");
        account.textProperty().bind(model.accountProperty().map(a -> a.isEmpty() ? "" : "Signed in as " + a));
        Label message = new Label();
        message.setId("access-message");
        message.setWrapText(true);
        message.setGraphic(Icons.icon(Feather.ALERT_CIRCLE, 14));
        message.getStyleClass().addAll("banner", "banner-danger");
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        VBox body = new VBox(14, account, message, new KeysPane(model).node(), new UsagePane(model).node(),
                new UsersPane(model).node());
        body.setFillWidth(true);
        body.setPadding(new javafx.geometry.Insets(0, 6, 6, 8)); // room for the validation marks
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        root.getChildren().addAll(header, scroll);
    }
}
