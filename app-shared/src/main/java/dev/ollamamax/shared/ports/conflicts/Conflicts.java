package dev.ollamamax.shared.ports.conflicts;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.ServiceKind;
import dev.ollamamax.shared.ports.sockets.Holder;
import dev.ollamamax.shared.ports.sockets.Listening;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the conflicts of a plan against the listening sockets, with their sentences. */
public final class Conflicts {

    private final Ownership ownership;

    public Conflicts(Ownership ownership) {
        this.ownership = ownership;
    }

    public List<Conflict> find(List<PlannedService> services, Map<Integer, List<Listening>> listeningByPort) {
        Map<Integer, List<PlannedService>> byPort = new LinkedHashMap<>();
        for (PlannedService s : services) {
            if (s.port() > 0) {
                byPort.computeIfAbsent(s.port(), p -> new ArrayList<>()).add(s);
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        byPort.forEach((port, planned) -> {
            if (planned.size() > 1) {
                conflicts.add(new Conflict(Conflict.Kind.SHARED_PORT, port, planned, Optional.empty(),
                        "Port " + port + " is configured for " + (planned.size() == 2 ? "both " : "")
                                + and(planned.stream().map(PlannedService::describe).toList())));
            }
            holderConflicts(port, planned, listeningByPort.getOrDefault(port, List.of()), conflicts);
        });
        return conflicts;
    }

    private void holderConflicts(int port, List<PlannedService> planned, List<Listening> onPort, List<Conflict> out) {
        if (onPort.isEmpty()) {
            return;
        }
        List<PlannedService> besideOllama = new ArrayList<>();
        List<PlannedService> foreign = new ArrayList<>();
        Optional<Holder> ollama = Optional.empty();
        Optional<Holder> stranger = Optional.empty();
        for (PlannedService s : planned) {
            // an external service may be held by anyone, but not by Ollama when it is not the Ollama service
            ServiceKind asKind = s.kind() == ServiceKind.EXTERNAL ? ServiceKind.MANAGED : s.kind();
            List<Listening> notOwned = onPort.stream()
                    .filter(l -> l.holder().map(h -> !ownership.owns(h, asKind)).orElse(true)).toList();
            Optional<Holder> ollamaHolder = notOwned.stream().map(Listening::holder).flatMap(Optional::stream)
                    .filter(Holder::isOllama).findFirst();
            boolean externalOllama = s.id() == ServiceId.OLLAMA && s.kind() == ServiceKind.EXTERNAL;
            if (ollamaHolder.isPresent() && !externalOllama) {
                besideOllama.add(s);
                ollama = ollama.or(() -> ollamaHolder);
            } else if (s.kind() != ServiceKind.EXTERNAL && !notOwned.isEmpty()) {
                foreign.add(s);
                stranger = stranger.or(() -> notOwned.stream().map(Listening::holder).flatMap(Optional::stream)
                        .findFirst());
            }
        }
        if (!besideOllama.isEmpty()) {
            Holder h = ollama.orElseThrow();
            out.add(new Conflict(Conflict.Kind.OLLAMA_ALREADY_RUNNING, port, besideOllama, ollama,
                    "Ollama is already running on port " + port + " as " + h.describe() + ", where "
                            + and(besideOllama.stream().map(PlannedService::describe).toList())
                            + (besideOllama.size() == 1 ? " is" : " are") + " configured: use it as an Ollama node"
                            + " rather than stopping it"));
        }
        if (!foreign.isEmpty()) {
            String who = stranger.map(Holder::describe)
                    .orElse("a process the system does not name (probably another user's)");
            out.add(new Conflict(Conflict.Kind.FOREIGN_HOLDER, port, foreign, stranger,
                    "Port " + port + " of " + and(foreign.stream().map(PlannedService::describe).toList())
                            + " is held by " + who + ", which is not the service OllamaMax runs there"));
        }
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
