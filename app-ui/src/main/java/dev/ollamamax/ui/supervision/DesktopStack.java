package dev.ollamamax.ui.supervision;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortOrigin;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.ServiceKind;
import dev.ollamamax.shared.stack.ProcessSpec;
import dev.ollamamax.shared.stack.StackException;
import dev.ollamamax.shared.stack.StackFile;
import dev.ollamamax.shared.stack.StackReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The desktop's stack files: {@code ollamamax-stack.yaml} in {@code OLLAMAMAX_HOME} and in the chosen project
 * folder, each run by a {@link StackRunner} whose processes are registered as services. A file that cannot be
 * used is a problem in words for the Services screen (what already runs keeps running); a process name declared
 * in both files is refused. Blocking; call off the UI thread. Not used by the headless gateway.
 */
public final class DesktopStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DesktopStack.class.getName());

    private final ServiceRegistry registry;
    private final Map<String, StackRunner> runners = new LinkedHashMap<>();
    private final Map<String, StackFile> files = new LinkedHashMap<>();
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = StackRunner.newScheduler();

    public DesktopStack(ServiceRegistry registry) {
        this.registry = registry;
    }

    /**
     * Reads {@code folder}'s stack file as {@code origin} ("home", "project"), replacing what that origin ran
     * before, registers its processes and starts the enabled ones in dependency order. A process declared exactly
     * as before keeps running untouched (only what changed restarts, as process-compose's {@code project update}).
     * No file: the origin's processes stop and go away.
     */
    public synchronized void load(String origin, Path folder) {
        Path file = folder.resolve(StackFile.FILE_NAME);
        problems.remove(origin);
        if (!Files.isRegularFile(file)) {
            drop(origin);
            return;
        }
        StackFile stack;
        try {
            stack = StackReader.read(file);
            refuseClashes(origin, stack);
        } catch (StackException e) {
            problems.put(origin, e.getMessage());
            LOG.warning("Stack file not used: " + e.getMessage());
            return;
        } catch (IOException e) {
            problems.put(origin, file + ": cannot be read (" + e.getMessage() + ")");
            return;
        }
        Map<String, StackProcess> unchanged = new LinkedHashMap<>();
        StackRunner previous = runners.get(origin);
        if (previous != null) {
            for (ProcessSpec spec : stack.processes()) {
                previous.process(spec.name()).filter(p -> p.spec().sameRunAs(spec))
                        .flatMap(p -> previous.release(p.spec().name())).ifPresent(p -> unchanged.put(spec.name(), p));
            }
        }
        drop(origin);
        StackRunner runner = new StackRunner(stack, scheduler, StackRunner.GRACE, unchanged);
        runners.put(origin, runner);
        files.put(origin, stack);
        runner.processes().forEach(registry::register);
        runner.startAll();
        LOG.info(() -> "Stack file " + file + ": " + stack.processes().size() + " processes");
    }

    private void refuseClashes(String origin, StackFile stack) {
        Set<String> others = runners.entrySet().stream().filter(e -> !e.getKey().equals(origin))
                .flatMap(e -> e.getValue().processes().stream()).map(p -> p.spec().name()).collect(Collectors.toSet());
        for (ProcessSpec p : stack.processes()) {
            if (others.contains(p.name())) {
                throw new StackException(stack.source() + ", line " + p.line() + ": processes." + p.name()
                        + " is also declared in the other stack file; rename one", p.line());
            }
        }
    }

    private void drop(String origin) {
        files.remove(origin);
        StackRunner old = runners.remove(origin);
        if (old != null) {
            old.processes().forEach(p -> registry.unregister(p.id()));
            old.close();
        }
    }

    /** One sentence per stack file that could not be used, naming the file, the line and the field. */
    public synchronized List<String> problems() {
        return List.copyOf(problems.values());
    }

    /** The ports the stack files declare, as services of the port plan (moved by editing the file by hand). */
    public synchronized List<PlannedService> plannedPorts() {
        List<PlannedService> out = new ArrayList<>();
        for (StackFile stack : files.values()) {
            for (ProcessSpec spec : stack.processes()) {
                for (int port : spec.ports()) {
                    out.add(new PlannedService(ServiceId.PROJECT, spec.name(), "127.0.0.1", port, ServiceKind.MANAGED,
                            new PortOrigin("processes." + spec.name() + ".ports", PortOrigin.STACK_FILE,
                                    Optional.of(stack.source()))));
                }
            }
        }
        return out;
    }

    /** Stops every stack process, dependents first. */
    @Override
    public synchronized void close() {
        new ArrayList<>(runners.keySet()).forEach(this::drop);
        scheduler.shutdownNow();
    }
}
