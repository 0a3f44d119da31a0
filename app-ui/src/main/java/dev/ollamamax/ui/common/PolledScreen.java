package dev.ollamamax.ui.common;

import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * A screen whose content is reloaded every period while it is shown (and on Ctrl+R): the root {@link VBox}
 * styled as a screen, and the {@link Poller} started by {@link #shown()} and stopped by {@link #hidden()}.
 */
public abstract class PolledScreen implements Screen {

    /** The screen's root; subclasses add their content to it. */
    protected final VBox root = new VBox();
    private final Poller poll;
    private final Runnable reload;

    /** @param reload what refreshes the screen's model; called on the UI thread */
    protected PolledScreen(UiExecutor executor, Duration period, Runnable reload) {
        this.reload = reload;
        this.poll = new Poller(executor, period, reload);
        root.getStyleClass().add("screen");
    }

    @Override
    public final Node node() {
        return root;
    }

    @Override
    public void refresh() {
        reload.run();
    }

    @Override
    public void shown() {
        reload.run();
        poll.start();
    }

    @Override
    public void hidden() {
        poll.stop();
    }
}
