/**
 * The desktop application shell: the JavaFX {@code Application}, the composition root that wires the
 * gateway, services and screens together, the main window with its sidebar and status bar, and themes.
 */
package dev.ollamamax.ui.app;
