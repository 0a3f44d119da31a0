/**
 * The response cache in use: whole answers of identical deterministic non-streamed generations, per user,
 * from Redis ({@link dev.ollamamax.server.store.ResponseCache}) instead of a node. Uses nodes, usage and auth.
 */
package dev.ollamamax.server.cache;
