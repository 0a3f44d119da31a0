package dev.ollamamax.shared.ports.sockets;

import java.util.Locale;

/**
 * The process holding a port: its PID, its command line and the user it runs as. {@code command} and
 * {@code user} are empty when the operating system does not say.
 */
public record Holder(long pid, String command, String user) {

    public Holder {
        command = command == null ? "" : command.strip();
        user = user == null ? "" : user.strip();
    }

    /** The program's file name without its folder or {@code .exe}: {@code ollama} for {@code /usr/bin/ollama serve}. */
    public String program() {
        String first = command.isEmpty() ? "" : command.split("\\s+", 2)[0];
        String name = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
        return name.toLowerCase(Locale.ROOT).endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    /** True when the program is Ollama itself (the CLI/server binary, whatever folder it was started from). */
    public boolean isOllama() {
        return program().equalsIgnoreCase("ollama");
    }

    /** "PID 812 (ollama serve, user ollama)", for messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder("PID ").append(pid);
        if (!command.isEmpty() || !user.isEmpty()) {
            sb.append(" (").append(command.isEmpty() ? "command unknown" : abbreviate(command));
            if (!user.isEmpty()) {
                sb.append(", user ").append(user);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
