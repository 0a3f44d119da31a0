package dev.ollamamax.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection; see {@link Database#query} and {@link Database#transaction}. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
