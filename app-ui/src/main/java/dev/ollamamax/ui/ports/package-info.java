/** The Ports screen: a map of configured ports and live listeners, conflicts, and one-click fixes previewed before they apply. */
package dev.ollamamax.ui.ports;
