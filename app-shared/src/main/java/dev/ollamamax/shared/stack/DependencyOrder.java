package dev.ollamamax.shared.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts processes in start order: each after everything it depends on, otherwise in file order. Unknown
 * dependencies and cycles are refused with the line of the process that closes them.
 */
final class DependencyOrder {

    private final String file;
    private final Map<String, ProcessSpec> byName = new LinkedHashMap<>();
    private final Set<String> done = new LinkedHashSet<>();
    private final List<String> visiting = new ArrayList<>();

    private DependencyOrder(String file, List<ProcessSpec> processes) {
        this.file = file;
        processes.forEach(p -> byName.put(p.name(), p));
    }

    static List<ProcessSpec> of(String file, List<ProcessSpec> processes) {
        DependencyOrder order = new DependencyOrder(file, processes);
        for (ProcessSpec p : processes) {
            for (String dep : p.dependsOn().keySet()) {
                if (!order.byName.containsKey(dep)) {
                    throw new StackException(file + ", line " + p.line() + ": processes." + p.name()
                            + ".depends_on names " + dep + ", which is not a process of this file", p.line());
                }
            }
        }
        processes.forEach(order::visit);
        return order.done.stream().map(order.byName::get).toList();
    }

    private void visit(ProcessSpec p) {
        if (done.contains(p.name())) {
            return;
        }
        int at = visiting.indexOf(p.name());
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(visiting.subList(at, visiting.size()));
            cycle.add(p.name());
            ProcessSpec closing = byName.get(visiting.getLast());
            throw new StackException(file + ", line " + closing.line() + ": processes." + closing.name()
                    + ".depends_on makes a cycle: " + String.join(" -> ", cycle), closing.line());
        }
        visiting.add(p.name());
        p.dependsOn().keySet().forEach(dep -> visit(byName.get(dep)));
        visiting.removeLast();
        done.add(p.name());
    }
}
