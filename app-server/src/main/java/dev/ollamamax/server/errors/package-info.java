/** The gateway's error kinds, shared by every API so a failure maps to the same status and code everywhere. */
package dev.ollamamax.server.errors;
