/** The Dashboard: every service of the plan (and of a chosen project) with live status, latency, holder and actions. */
package dev.ollamamax.ui.dashboard;
