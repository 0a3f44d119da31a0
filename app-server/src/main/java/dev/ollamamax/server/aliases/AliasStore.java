package dev.ollamamax.server.aliases;

import dev.ollamamax.server.store.Database;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code model_aliases} table: name → ordered models, shared by every instance on the database. */
final class AliasStore {

    private final Database database;

    AliasStore(Database database) {
        this.database = database;
    }

    /** Every stored alias, by name. */
    Map<String, List<String>> all() throws SQLException {
        return database.query(c -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, models FROM model_aliases ORDER BY name");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()));
                }
            }
            return out;
        });
    }

    /** Creates or replaces an alias; true when it was new. */
    boolean put(String name, List<String> models, String by) throws SQLException {
        return database.transaction(c -> {
            Array array = c.createArrayOf("text", models.toArray());
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO model_aliases (name, models, updated_by) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET models = excluded.models, updated_by = excluded.updated_by,
                    updated_at = now() RETURNING (xmax = 0)""")) {
                s.setString(1, name);
                s.setArray(2, array);
                s.setString(3, by);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /** Deletes an alias; false when there was none of that name. */
    boolean delete(String name) throws SQLException {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM model_aliases WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }
}
