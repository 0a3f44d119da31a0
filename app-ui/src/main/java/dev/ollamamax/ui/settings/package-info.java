/** The Settings screen: the effective configuration with the source of each value, edited and saved atomically. */
package dev.ollamamax.ui.settings;
