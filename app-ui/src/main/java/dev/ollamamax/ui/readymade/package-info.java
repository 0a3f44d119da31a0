/**
 * Ready-made stack entries: Prometheus and Grafana found on the PATH become processes of the home stack file with
 * generated configuration (the files of {@code packaging/}, pointed at this desktop's gateway and plan ports).
 */
package dev.ollamamax.ui.readymade;
