/** The Services screen: every {@code ManagedService} with its state, start/stop/restart and "Restart all". */
package dev.ollamamax.ui.services;
