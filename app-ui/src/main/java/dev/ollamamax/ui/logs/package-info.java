/** The Logs screen: the gateway's own log and each service's log, followed live, filterable, copyable. */
package dev.ollamamax.ui.logs;
