/** Small HTTP helpers shared by the API features: reading JSON bodies with clear errors, writing JSON. */
package dev.ollamamax.server.http;
