package dev.ollamamax.ui.app;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Shows {@link Alerts.Alert}s as ControlsFX notifications at the bottom right of the main window. */
final class Notifier implements Consumer<Alerts.Alert> {

    private final Supplier<Window> owner;

    Notifier(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void accept(Alerts.Alert alert) {
        Platform.runLater(() -> {
            Window window = owner.get();
            if (window == null || !window.isShowing()) {
                return;
            }
            Notifications n = Notifications.create().title(alert.title()).text(alert.text()).owner(window)
                    .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(8));
            if (alert.level() == Alerts.Level.WARNING) {
                n.showWarning();
            } else {
                n.showInformation();
            }
        });
    }
}
