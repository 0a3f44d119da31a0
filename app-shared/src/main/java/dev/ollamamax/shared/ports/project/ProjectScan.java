package dev.ollamamax.shared.ports.project;

import dev.ollamamax.shared.config.DotEnv;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.ServiceId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the ports a user's project folder configures, so conflicts across the whole stack show: its
 * {@code .env} and {@code .env.*} files (the port settings OllamaMax knows, under any of their names, any
 * {@code *_PORT} key, and {@code OLLAMA_HOST}) and its compose files' published ports. The folder and its
 * direct subfolders are read (not hidden ones, not {@code node_modules}); template and backup copies
 * ({@code .env.example}, {@code .env.bak}…) are skipped.
 */
public final class ProjectScan {

    static final List<String> COMPOSE_FILES = List.of("docker-compose.yml", "docker-compose.yaml", "compose.yaml",
            "compose.yml");
    private static final Set<String> SKIPPED_SUFFIXES = Set.of("example", "sample", "template", "dist", "bak", "tmp",
            "orig", "swp");
    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "vendor", "target", "build", "dist");

    private ProjectScan() {
    }

    public static ProjectPorts read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder + " (not a folder, or it does not exist)");
        }
        Path root = folder.toRealPath();
        List<ProjectPort> ports = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        readFolder(root, ports, warnings);
        for (Path sub : subfolders(root)) {
            readFolder(sub, ports, warnings);
        }
        return new ProjectPorts(root, ports, warnings);
    }

    private static void readFolder(Path dir, List<ProjectPort> ports, List<String> warnings) throws IOException {
        for (Path env : envFiles(dir)) {
            readEnv(env, ports, warnings);
        }
        for (String name : COMPOSE_FILES) {
            Path compose = dir.resolve(name);
            if (Files.isRegularFile(compose)) {
                readCompose(compose, DotEnv.read(dir.resolve(".env")), ports, warnings);
            }
        }
    }

    private static List<Path> subfolders(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, p -> Files.isDirectory(p)
                && !p.getFileName().toString().startsWith(".") && !SKIPPED_DIRS.contains(p.getFileName().toString()))) {
            entries.forEach(dirs::add);
        }
        dirs.sort(null);
        return dirs;
    }

    private static List<Path> envFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> Files.isRegularFile(p)
                && isEnvFile(p.getFileName().toString()))) {
            entries.forEach(files::add);
        }
        files.sort((a, b) -> a.getFileName().toString().equals(".env") ? -1
                : b.getFileName().toString().equals(".env") ? 1 : a.compareTo(b));
        return files;
    }

    static boolean isEnvFile(String name) {
        if (name.equals(".env")) {
            return true;
        }
        if (!name.startsWith(".env.") || name.endsWith("~")) {
            return false;
        }
        String suffix = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return !SKIPPED_SUFFIXES.contains(suffix);
    }

    private static void readEnv(Path file, List<ProjectPort> ports, List<String> warnings) throws IOException {
        for (Map.Entry<String, String> e : DotEnv.read(file).entrySet()) {
            String key = e.getKey();
            Optional<ServiceId> role = Setting.find(key).flatMap(ServiceId::byPortSetting);
            boolean ollamaHost = key.equals("OLLAMA_HOST");
            if (role.isEmpty() && !ollamaHost && !key.toUpperCase(Locale.ROOT).endsWith("_PORT")) {
                continue;
            }
            Optional<Integer> port = ollamaHost ? ollamaHostPort(e.getValue()) : port(e.getValue());
            if (port.isEmpty()) {
                if (role.isPresent() || ollamaHost) {
                    warnings.add(key + " in " + file + " is \"" + e.getValue() + "\", not a port");
                }
                continue;
            }
            role = ollamaHost ? Optional.of(ServiceId.OLLAMA) : role;
            String name = role.map(ServiceId::displayName).orElse(key);
            ports.add(new ProjectPort(file, key, name, "127.0.0.1", port.get(), role, Optional.empty()));
        }
    }

    private static void readCompose(Path file, Map<String, String> vars, List<ProjectPort> ports,
                                    List<String> warnings) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (ComposePorts.Mapping m : ComposePorts.parse(text, vars, warnings, file.toString())) {
            String host = m.hostIp().isEmpty() || m.hostIp().equals("0.0.0.0") ? "127.0.0.1" : m.hostIp();
            ports.add(new ProjectPort(file, "services." + m.service() + ".ports", m.service(), host, m.hostPort(),
                    composeRole(m.service(), m.image()), Optional.of(m.containerPort())));
        }
    }

    /** The plan service a compose service is, by its name or its image ({@code ollama/ollama:latest} → Ollama). */
    static Optional<ServiceId> composeRole(String service, Optional<String> image) {
        Optional<ServiceId> byName = roleOf(service);
        if (byName.isPresent()) {
            return byName;
        }
        return image.map(i -> {
            String repo = i.contains("@") ? i.substring(0, i.indexOf('@')) : i;
            repo = repo.substring(repo.lastIndexOf('/') + 1);
            return repo.contains(":") ? repo.substring(0, repo.indexOf(':')) : repo;
        }).flatMap(ProjectScan::roleOf);
    }

    private static Optional<ServiceId> roleOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ollama" -> Optional.of(ServiceId.OLLAMA);
            case "postgres", "postgresql" -> Optional.of(ServiceId.POSTGRES);
            case "redis", "redis-stack-server" -> Optional.of(ServiceId.REDIS);
            case "grafana", "grafana-oss", "grafana-enterprise" -> Optional.of(ServiceId.GRAFANA);
            case "prometheus" -> Optional.of(ServiceId.PROMETHEUS);
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> port(String value) {
        try {
            int p = Integer.parseInt(value.strip());
            return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code OLLAMA_HOST} as Ollama reads it: {@code [scheme://]host[:port]}, port 11434 when none is given. */
    static Optional<Integer> ollamaHostPort(String value) {
        String v = value.strip();
        int scheme = v.indexOf("://");
        if (scheme >= 0) {
            v = v.substring(scheme + 3);
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        int colon = v.lastIndexOf(':');
        if (colon < 0 || v.endsWith("]")) {
            return v.isEmpty() && value.isBlank() ? Optional.empty() : Optional.of(11434);
        }
        return port(v.substring(colon + 1));
    }
}
