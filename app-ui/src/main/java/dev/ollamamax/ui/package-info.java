/**
 * The OllamaMax desktop app (JavaFX + AtlantaFX + ControlsFX). {@link dev.ollamamax.ui.Launcher} starts it;
 * features live in sub-packages ({@code app}, {@code dashboard}, {@code ports}, {@code services},
 * {@code settings}, {@code logs}) and share {@code common}.
 */
package dev.ollamamax.ui;
