package dev.ollamamax.ui.common;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortPlan;
import dev.ollamamax.shared.ports.StackScan;
import dev.ollamamax.shared.ports.StackScanner;
import dev.ollamamax.shared.ports.probe.HealthProber;
import dev.ollamamax.shared.ports.project.ProjectPorts;
import dev.ollamamax.shared.ports.project.ProjectScan;
import dev.ollamamax.shared.ports.sockets.SocketTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Scans the stack for the Dashboard and Ports screens: the port plan of the gateway's current
 * configuration (a listener configured on port 0 shows the port it really got), plus the services of a
 * chosen project folder. Blocking; call off the UI thread. The latest scan is kept for whoever asks next.
 */
public final class StackMonitor {

    private final GatewayManager gateway;
    private final StackScanner scanner;
    private final AtomicReference<Optional<ProjectPorts>> project = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<StackScan>> latest = new AtomicReference<>(Optional.empty());
    private volatile Supplier<List<PlannedService>> declared = List::of;

    public StackMonitor(GatewayManager gateway, StackScanner scanner) {
        this.gateway = gateway;
        this.scanner = scanner;
    }

    /** The monitor of this process: the system's socket table and the standard health probes. */
    public static StackMonitor standard(GatewayManager gateway) {
        return standard(gateway, new dev.ollamamax.ui.supervision.ServiceRegistry());
    }

    /**
     * The monitor of this process; the processes of the registry's services (the embedded PostgreSQL and
     * Redis, an {@code ollama serve} it started) count as this app's own, though they detach from it.
     */
    public static StackMonitor standard(GatewayManager gateway, dev.ollamamax.ui.supervision.ServiceRegistry registry) {
        return new StackMonitor(gateway, new StackScanner(SocketTable.system(), HealthProber.standard(),
                ProcessHandle.current().pid(), pid -> registry.all().stream()
                        .anyMatch(s -> s.pid().filter(p -> p == pid || isChild(p, pid)).isPresent())));
    }

    /** A stack process's shell runs the program that listens as its child. */
    private static boolean isChild(long parent, long pid) {
        return ProcessHandle.of(parent).map(h -> h.descendants().anyMatch(d -> d.pid() == pid)).orElse(false);
    }

    /** The plan as configured now, with the project's extra services. */
    public PortPlan plan() {
        Config config = gateway.config();
        PortPlan plan = PortPlan.from(config);
        Optional<Gateway> running = gateway.gateway();
        List<PlannedService> services = new ArrayList<>();
        for (PlannedService s : plan.services()) {
            Optional<Listener> listener = java.util.Arrays.stream(Listener.values())
                    .filter(l -> l.service() == s.id()).findFirst();
            Optional<Integer> embeddedStore = running.flatMap(g -> storePort(g, s.id()));
            if (s.port() == 0 && listener.isPresent() && running.isPresent()) {
                int bound = running.get().port(listener.get()).orElse(0);
                services.add(new PlannedService(s.id(), s.name(), s.host(), bound, s.kind(), s.origin()));
            } else if (embeddedStore.isPresent() && embeddedStore.get() != s.port()) {
                // the embedded server took a free port because the planned one was taken: show where it really is
                services.add(new PlannedService(s.id(), s.name(), s.host(), embeddedStore.get(), s.kind(), s.origin()));
            } else {
                services.add(s);
            }
        }
        PortPlan own = new PortPlan(services);
        PortPlan withProject = project.get().map(p -> own.withExtra(p.beyond(own))).orElse(own);
        List<PlannedService> stack = declared.get();
        return stack.isEmpty() ? withProject : withProject.withExtra(stack);
    }

    /** The port the gateway's embedded PostgreSQL or Redis runs on, when it runs one. */
    private static Optional<Integer> storePort(Gateway gateway, dev.ollamamax.shared.ports.ServiceId id) {
        var store = gateway.feature(dev.ollamamax.server.store.StoreFeature.class);
        return switch (id) {
            case POSTGRES -> store.flatMap(f -> f.postgres()).flatMap(dev.ollamamax.server.process.ManagedService::port);
            case REDIS -> store.flatMap(f -> f.redis()).flatMap(dev.ollamamax.server.process.ManagedService::port);
            default -> Optional.empty();
        };
    }

    public StackScan scan() {
        StackScan scan = scanner.scan(plan());
        latest.set(Optional.of(scan));
        return scan;
    }

    public Optional<StackScan> latest() {
        return latest.get();
    }

    /** Reads a project folder's {@code .env} files and compose files; its services join the plan. */
    public ProjectPorts chooseProject(Path folder) throws IOException {
        ProjectPorts ports = ProjectScan.read(folder);
        project.set(Optional.of(ports));
        return ports;
    }

    public Optional<ProjectPorts> project() {
        return project.get();
    }

    /** The ports the stack files declare ({@code DesktopStack#plannedPorts}) join the plan from now on. */
    public void declaredPorts(Supplier<List<PlannedService>> ports) {
        this.declared = ports;
    }

    /** The host the gateway binds, for URLs. */
    public String host() {
        return gateway.config().get(Setting.HOST);
    }
}
