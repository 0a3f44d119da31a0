package dev.ollamamax.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortOrigin;
import dev.ollamamax.shared.ports.ServiceState;
import dev.ollamamax.shared.ports.ServiceStatus;
import dev.ollamamax.shared.ports.StackScan;
import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.shared.ports.conflicts.PortFix;
import dev.ollamamax.shared.ports.project.ProjectPorts;
import dev.ollamamax.shared.ports.sockets.Holder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders a scan for the {@code ports} command: an aligned table for people, JSON for scripts. */
final class PortsReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] HEADER = {"SERVICE", "PORT", "KIND", "CONFIGURED BY", "STATUS", "LATENCY", "HOLDER", "NOTE"};

    private PortsReport() {
    }

    static String table(StackScan scan, List<PortFix> fixes, Optional<ProjectPorts> project, Path cwd) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ServiceStatus s : scan.services()) {
            PlannedService p = s.service();
            rows.add(new String[] {p.name(), Integer.toString(p.port()), p.kind().name().toLowerCase(Locale.ROOT),
                    configuredBy(p.origin(), cwd), s.state().name(), s.latency().map(PortsReport::millis).orElse("-"),
                    s.holder().map(PortsReport::holder).orElse("-"), note(s, scan)});
        }
        StringBuilder sb = new StringBuilder();
        int[] widths = new int[HEADER.length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n');
        if (fixes.isEmpty()) {
            sb.append("No port conflicts.\n");
        } else {
            sb.append("Conflicts (").append(fixes.size()).append("):\n");
            for (int i = 0; i < fixes.size(); i++) {
                PortFix f = fixes.get(i);
                sb.append("  ").append(i + 1).append(". ").append(f.conflict().message()).append('\n')
                        .append("     Fix: ").append(f.summary()).append('\n');
            }
        }
        project.ifPresent(p -> {
            sb.append("\nProject ").append(p.folder()).append(": ").append(p.ports().size()).append(" port settings read.\n");
            p.warnings().forEach(w -> sb.append("  Note: ").append(w).append('\n'));
        });
        sb.append("\nScanned ").append(scan.services().size()).append(" services in ").append(millis(scan.took()))
                .append(".\n");
        return sb.toString();
    }

    static String json(StackScan scan, List<PortFix> fixes, Optional<ProjectPorts> project) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tookMs", scan.took().toNanos() / 1_000_000.0);
        ArrayNode services = root.putArray("services");
        for (ServiceStatus s : scan.services()) {
            ObjectNode n = service(services.addObject(), s.service());
            n.put("state", s.state().name());
            s.latency().ifPresentOrElse(d -> n.put("latencyMs", d.toNanos() / 1_000_000.0), () -> n.putNull("latencyMs"));
            holder(n, s.holder());
            n.put("detail", s.detail());
            n.put("checkedAt", s.checkedAt().toString());
        }
        ArrayNode conflicts = root.putArray("conflicts");
        for (PortFix f : fixes) {
            Conflict c = f.conflict();
            ObjectNode n = conflicts.addObject();
            n.put("kind", c.kind().name());
            n.put("port", c.port());
            n.put("message", c.message());
            ArrayNode involved = n.putArray("services");
            c.services().forEach(p -> service(involved.addObject(), p));
            holder(n, c.holder());
            ObjectNode fix = n.putObject("fix");
            fix.put("summary", f.summary());
            f.adoptAsNode().ifPresentOrElse(u -> fix.put("adoptAsNode", u), () -> fix.putNull("adoptAsNode"));
            ArrayNode moves = fix.putArray("moves");
            for (PortFix.Move m : f.moves()) {
                ObjectNode mv = moves.addObject();
                mv.put("service", m.service().name());
                mv.put("key", m.service().origin().key());
                m.service().origin().file().ifPresentOrElse(p -> mv.put("file", p.toString()), () -> mv.putNull("file"));
                mv.put("from", m.service().port());
                mv.put("to", m.port());
                mv.put("assignment", m.assignment());
            }
        }
        project.ifPresent(p -> {
            ObjectNode n = root.putObject("project");
            n.put("folder", p.folder().toString());
            n.put("portsRead", p.ports().size());
            ArrayNode warnings = n.putArray("warnings");
            p.warnings().forEach(warnings::add);
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the ports report as JSON", e);
        }
    }

    private static ObjectNode service(ObjectNode n, PlannedService p) {
        n.put("id", p.id().name());
        n.put("name", p.name());
        n.put("host", p.host());
        n.put("port", p.port());
        n.put("kind", p.kind().name());
        ObjectNode by = n.putObject("configuredBy");
        by.put("key", p.origin().key());
        by.put("source", p.origin().source());
        p.origin().file().ifPresentOrElse(f -> by.put("file", f.toString()), () -> by.putNull("file"));
        return n;
    }

    private static void holder(ObjectNode n, Optional<Holder> holder) {
        holder.ifPresentOrElse(h -> {
            ObjectNode o = n.putObject("holder");
            o.put("pid", h.pid());
            o.put("command", h.command());
            o.put("user", h.user());
        }, () -> n.putNull("holder"));
    }

    private static String configuredBy(PortOrigin o, Path cwd) {
        return o.file().map(f -> o.key() + " in " + (f.startsWith(cwd) ? cwd.relativize(f).toString() : f.toString()))
                .orElse(o.key() + " (" + (o.source().isEmpty() ? "plan" : o.source()) + ")");
    }

    private static String holder(Holder h) {
        String command = h.command().length() > 40 ? h.command().substring(0, 37) + "..." : h.command();
        return h.pid() + " " + (command.isEmpty() ? "?" : command) + (h.user().isEmpty() ? "" : " (" + h.user() + ")");
    }

    private static String note(ServiceStatus s, StackScan scan) {
        if (s.state() != ServiceState.CONFLICT) {
            return s.detail();
        }
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < scan.conflicts().size(); i++) {
            if (scan.conflicts().get(i).services().stream().anyMatch(x -> x == s.service())) {
                refs.add("#" + (i + 1));
            }
        }
        return "see conflict " + String.join(", ", refs);
    }

    private static String millis(Duration d) {
        double ms = d.toNanos() / 1_000_000.0;
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Math.round(ms) + " ms";
    }
}
