/**
 * Small HTTP helpers shared by the API features: reading JSON bodies with clear errors, writing JSON, errors in
 * each caller's protocol, and the Host guard every listener runs first (DNS rebinding, also on WebSocket upgrades).
 */
package dev.ollamamax.server.http;
