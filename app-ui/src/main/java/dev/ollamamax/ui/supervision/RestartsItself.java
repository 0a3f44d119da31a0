package dev.ollamamax.ui.supervision;

/**
 * A service with a restart policy of its own (a stack process's {@code availability}); the {@link Supervisor}
 * leaves it alone, so a crash is never restarted twice.
 */
interface RestartsItself {
}
