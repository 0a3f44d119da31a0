/**
 * The stack file, {@code ollamamax-stack.yaml}: the user's own processes with process-compose's field names,
 * read into records and checked (unknown fields, bad values, unknown or circular dependencies refused with the
 * file, line and field). Toolkit-free: uses only the JDK and {@code shared.yaml}; running them is the desktop's.
 */
package dev.ollamamax.shared.stack;
