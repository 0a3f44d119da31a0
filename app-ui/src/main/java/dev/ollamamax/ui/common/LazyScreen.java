package dev.ollamamax.ui.common;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * A screen built the first time it is shown, so that the window appears without building every screen first
 * (issue 15: a screen's controls, icons and styles cost tens to hundreds of milliseconds each). The sidebar needs
 * only its title and icon.
 */
public final class LazyScreen implements Screen {

    private final String title;
    private final Ikon icon;
    private final Supplier<? extends Screen> factory;
    private Screen screen;

    private LazyScreen(String title, Ikon icon, Supplier<? extends Screen> factory) {
        this.title = title;
        this.icon = icon;
        this.factory = factory;
    }

    public static LazyScreen of(String title, Ikon icon, Supplier<? extends Screen> factory) {
        return new LazyScreen(title, icon, factory);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Ikon icon() {
        return icon;
    }

    /** The screen, built now if it was not yet; call on the UI thread. */
    public Screen screen() {
        if (screen == null) {
            screen = factory.get();
            if (!screen.title().equals(title)) {
                throw new IllegalStateException("The screen built for \"" + title + "\" calls itself \"" + screen.title() + "\"");
            }
        }
        return screen;
    }

    /** The screen if it has been built. */
    public Optional<Screen> built() {
        return Optional.ofNullable(screen);
    }

    @Override
    public Node node() {
        return screen().node();
    }

    @Override
    public void refresh() {
        built().ifPresent(Screen::refresh);
    }

    @Override
    public void shown() {
        screen().shown();
    }

    @Override
    public void hidden() {
        built().ifPresent(Screen::hidden);
    }
}
