package dev.ollamamax.shared.ports.conflicts;

import dev.ollamamax.shared.ports.ServiceKind;
import dev.ollamamax.shared.ports.sockets.Holder;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the process holding a port is the service configured there: this process for an
 * embedded service, this process or one of its children for a managed one. An observer (a separate
 * tool) also accepts any OllamaMax process and its children.
 */
public record Ownership(long ownPid, boolean anyOllamaMax, java.util.function.LongPredicate managed) {

    public Ownership(long ownPid, boolean anyOllamaMax) {
        this(ownPid, anyOllamaMax, pid -> false);
    }

    private static final int MAX_ANCESTORS = 16;

    public boolean owns(Holder holder, ServiceKind kind) {
        return switch (kind) {
            case EMBEDDED -> holder.pid() == ownPid || anyOllamaMax && isOllamaMax(holder.command());
            case MANAGED -> holder.pid() == ownPid || managed.test(holder.pid())
                    || anyOllamaMax && isOllamaMax(holder.command()) || descendsFromOwner(holder.pid());
            case EXTERNAL -> true;
        };
    }

    private boolean descendsFromOwner(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
        for (int i = 0; i < MAX_ANCESTORS && p.isPresent(); i++) {
            ProcessHandle h = p.get();
            if (h.pid() == ownPid || anyOllamaMax && isOllamaMax(h.info().commandLine().orElse(""))) {
                return true;
            }
            p = h.parent();
        }
        return false;
    }

    /** The headless gateway ({@code ollamamax-server.jar}, main class {@code dev.ollamamax…}), the desktop jar or an installed launcher. */
    static boolean isOllamaMax(String command) {
        String c = command.toLowerCase(Locale.ROOT);
        return c.contains("dev.ollamamax.") || c.contains("ollamamax-server") || c.contains("ollamamax-desktop")
                || c.contains("ollamamax-gateway")
                || new Holder(0, command, "").program().equalsIgnoreCase("ollamamax");
    }
}
