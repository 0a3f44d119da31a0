/**
 * The port plan of the stack and its live state: which service is configured on which port and where
 * ({@link dev.ollamamax.shared.ports.PortPlan}, {@link dev.ollamamax.shared.ports.ServiceId}), and the
 * {@link dev.ollamamax.shared.ports.StackScanner} that puts the other jobs together, one folder each:
 * {@code sockets} (who listens where), {@code probe} (is it healthy, is a port free), {@code conflicts}
 * (what is wrong and how to fix it), {@code project} (a user's project folder: {@code .env} and compose
 * files) and {@code envfile} (rewriting a {@code .env} in place).
 */
package dev.ollamamax.shared.ports;
