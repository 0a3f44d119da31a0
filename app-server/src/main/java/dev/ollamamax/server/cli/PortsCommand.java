package dev.ollamamax.server.cli;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.ports.PortPlan;
import dev.ollamamax.shared.ports.StackScan;
import dev.ollamamax.shared.ports.StackScanner;
import dev.ollamamax.shared.ports.conflicts.PortFix;
import dev.ollamamax.shared.ports.conflicts.PortFixes;
import dev.ollamamax.shared.ports.probe.HealthProber;
import dev.ollamamax.shared.ports.project.ProjectPorts;
import dev.ollamamax.shared.ports.project.ProjectScan;
import dev.ollamamax.shared.ports.sockets.SocketTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ports}: the services table of the plan, live, with every port conflict and a fix for each. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = {"Show every service of the plan: its port, kind, the setting (and source) that configures it,"
                + " its live status and latency, and the process holding its port (PID, command, user).",
                "Then list every conflict (two services on one port; a port held by a process that is not the"
                        + " configured service; Ollama already running) with a suggested fix."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no conflicts", "1:at least one conflict", "2:invalid configuration or project folder"})
public final class PortsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print the table and conflicts as JSON, for scripts")
    boolean json;

    @Option(names = "--project", paramLabel = "<folder>",
            description = "Also read the ports of a project folder: its .env files and docker-compose/compose files"
                    + " (and those of its direct subfolders)")
    Path project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PortPlan plan;
        Config config;
        try {
            config = options.load();
            plan = PortPlan.from(config);
        } catch (ConfigException | UncheckedIOException e) {
            err.println("Configuration error: " + e.getMessage());
            err.flush();
            return 2;
        }
        Optional<ProjectPorts> projectPorts = Optional.empty();
        if (project != null) {
            try {
                projectPorts = Optional.of(ProjectScan.read(project));
            } catch (IOException e) {
                err.println("Cannot read the project folder " + project + ": " + e.getMessage());
                err.flush();
                return 2;
            }
            plan = plan.withExtra(projectPorts.get().beyond(plan));
        }
        java.util.Set<Long> managed = dev.ollamamax.server.store.RunFile.serverPids(
                dev.ollamamax.shared.config.AppHome.resolve(config));
        StackScan scan = StackScanner.observer(SocketTable.system(), HealthProber.standard(), managed::contains).scan(plan);
        List<PortFix> fixes = PortFixes.suggest(scan);
        if (json) {
            out.println(PortsReport.json(scan, fixes, projectPorts));
        } else {
            out.print(PortsReport.table(scan, fixes, projectPorts, Path.of("").toAbsolutePath()));
        }
        out.flush();
        return scan.hasConflicts() ? 1 : 0;
    }
}
