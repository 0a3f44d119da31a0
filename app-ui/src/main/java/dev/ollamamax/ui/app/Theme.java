package dev.ollamamax.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;

/** The two looks of the app (AtlantaFX Primer), applied as the user-agent stylesheet. */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** {@code dark} gives DARK; anything else LIGHT. */
    public static Theme from(String setting) {
        return "dark".equals(setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT)) ? DARK : LIGHT;
    }

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    public void apply() {
        Application.setUserAgentStylesheet(stylesheet);
    }
}
