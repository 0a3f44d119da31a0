package dev.ollamamax.shared.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad stack file is refused with the file, the line and the field. */
class StackFileErrorsTest {

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> StackReaderTest.parse(yaml)).isInstanceOf(StackException.class).hasMessage(message);
    }

    @Test
    void aBadRestartPolicyNamesFileLineAndField() {
        refused("""
                processes:
                  api:
                    command: run
                    ports:
                      - 8080
                    availability:
                      restart: sometimes
                """, "stack.yaml, line 7: processes.api.availability.restart must be always, on_failure or no");
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        refused("""
                processes:
                  api:
                    command: run
                    restart_policy: always
                """, "stack.yaml, line 4: processes.api.restart_policy is not a known field (known here: availability,"
                + " command, depends_on, description, disabled, environment, liveness_probe, ports, readiness_probe,"
                + " working_dir)");
        refused("""
                processes:
                  api:
                    command: run
                    readiness_probe:
                      http_get:
                        url: http://localhost
                """, "stack.yaml, line 6: processes.api.readiness_probe.http_get.url is not a known field (known here:"
                + " host, path, port, scheme)");
        refused("""
                services:
                  api: {}
                """, "stack.yaml, line 1: services is not a known field (known here: environment, processes, version)");
    }

    @Test
    void unknownDependencyIsRefused() {
        refused("""
                processes:
                  api:
                    command: run
                    depends_on:
                      database: {condition: process_healthy}
                """, "stack.yaml, line 2: processes.api.depends_on names database, which is not a process of this file");
    }

    @Test
    void aCycleIsRefusedWithItsPath() {
        refused("""
                processes:
                  a:
                    command: a
                    depends_on: {b: {}}
                  b:
                    command: b
                    depends_on: {c: {}}
                  c:
                    command: c
                    depends_on: {a: {}}
                """, "stack.yaml, line 8: processes.c.depends_on makes a cycle: a -> b -> c -> a");
        refused("""
                processes:
                  a:
                    command: a
                    depends_on: {a: {}}
                """, "stack.yaml, line 4: processes.a.depends_on.a is the process itself; a process cannot wait for itself");
    }

    @Test
    void badConditionsProbesAndNumbers() {
        refused("""
                processes:
                  a: {command: a}
                  b:
                    command: b
                    depends_on:
                      a: {condition: process_ready}
                """, "stack.yaml, line 6: processes.b.depends_on.a.condition must be process_started, process_healthy"
                + " or process_completed_successfully, not \"process_ready\"");
        refused("""
                processes:
                  a:
                    command: a
                    liveness_probe:
                      period_seconds: 5
                """, "stack.yaml, line 4: processes.a.liveness_probe must have exactly one of http_get, tcp (or"
                + " tcp_socket) and exec, found none");
        refused("""
                processes:
                  a:
                    command: a
                    readiness_probe:
                      tcp: {port: 99999}
                """, "stack.yaml, line 5: processes.a.readiness_probe.tcp.port must be a whole number from 1 to 65535,"
                + " not \"99999\"");
        refused("""
                processes:
                  a:
                    command: a
                    ports: [80, eighty]
                """, "stack.yaml, line 4: processes.a.ports[1] must be a whole number from 1 to 65535, not \"eighty\"");
        refused("""
                processes:
                  a:
                    command: a
                    disabled: maybe
                """, "stack.yaml, line 4: processes.a.disabled must be true or false, not \"maybe\"");
    }

    @Test
    void missingCommandsAndProcessesAndBadEnvironment() {
        refused("""
                processes:
                  a:
                    working_dir: x
                """, "stack.yaml, line 2: processes.a needs a command");
        refused("version: 1\n", "stack.yaml, line 1: the file needs a processes: mapping");
        refused("- a\n", "stack.yaml, line 1: the file must be a mapping, not a list");
        refused("""
                processes:
                  a:
                    command: a
                    environment: [NOEQUALS]
                """, "stack.yaml, line 4: processes.a.environment[0] must be KEY=value, not \"NOEQUALS\"");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsNamed() {
        refused("""
                processes:
                  a:
                    command: run --port ${API_PORT}
                """, "stack.yaml, line 3: processes.a.command uses $API_PORT, which is set neither in the project's .env"
                + " nor in the environment and has no default (write $$ for a dollar sign the shell should see)");
    }

    @Test
    void yamlSyntaxErrorsKeepTheirLine() {
        assertThatThrownBy(() -> StackReader.parse("processes:\n  a:\n    command: [unclosed\n", "stack.yaml",
                StackReaderTest.BASE, Map.of()))
                .isInstanceOf(StackException.class).hasMessageStartingWith("stack.yaml, line ");
    }
}
