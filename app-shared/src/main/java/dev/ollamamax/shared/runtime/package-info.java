/**
 * Small building blocks for things that run over time: a bounded, followed log ({@link
 * dev.ollamamax.shared.runtime.LogBuffer}) and exponential backoff ({@link dev.ollamamax.shared.runtime.Backoff}),
 * used by the embedded stores, the supervised services and the chat client alike.
 */
package dev.ollamamax.shared.runtime;
