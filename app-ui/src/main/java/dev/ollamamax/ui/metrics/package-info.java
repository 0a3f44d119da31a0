/**
 * The Metrics screen: rates and latencies sampled every second from the embedded gateway's own meter registry,
 * kept for 15 minutes, drawn as live charts.
 */
package dev.ollamamax.ui.metrics;
