/** Port conflicts (a port held by a process that is not the configured service) and the fixes offered for each. */
package dev.ollamamax.shared.ports.conflicts;
