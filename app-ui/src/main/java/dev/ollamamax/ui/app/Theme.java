package dev.ollamamax.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;

/**
 * The two looks of the app (AtlantaFX Primer), applied as the user-agent stylesheet. The binary form (BSS) is
 * used: parsing the 165 KB text form on the FX thread held the first paint back (issue 15).
 */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheetBSS()),
    DARK(new PrimerDark().getUserAgentStylesheetBSS());

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
