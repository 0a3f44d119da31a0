/**
 * What every screen shares: the {@link dev.ollamamax.ui.common.UiExecutor} that keeps work off the FX
 * thread, the {@link dev.ollamamax.ui.common.GatewayManager} that owns the embedded gateway, icons and the
 * {@link dev.ollamamax.ui.common.Screen} contract. Screens may use this package; it uses none of them.
 */
package dev.ollamamax.ui.common;
