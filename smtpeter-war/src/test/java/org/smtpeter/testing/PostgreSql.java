package org.smtpeter.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL server the PostgreSQL pass of the suite runs against, as configured by Maven. */
public final class PostgreSql {

    private PostgreSql() {
    }

    /** Whether this pass of the suite runs on PostgreSQL (else on H2, embedded in one process). */
    public static boolean inUse() {
        return "postgresql".equals(System.getProperty("smtpeter.it.database"));
    }

    /** A fresh schema per test server, so every run starts from the schema the code generates now. */
    static void recreateSchema(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute("CREATE SCHEMA " + schema);
    }

    public static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), property("user", "postgres"),
                property("password", "postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A connection whose unqualified names are those of {@code schema} (a test server's, see {@link PayaraMicro#schema()}). */
    public static Connection connect(String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(url(), property("user", "postgres"), property("password", "postgres"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        }
        return connection;
    }

    /** The first column of every row of {@code sql}, as text. */
    public static java.util.List<String> column(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), property("user", "postgres"),
                property("password", "postgres"));
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            java.util.List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static String url() {
        return "jdbc:postgresql://" + property("host", "127.0.0.1") + ":" + property("port", "5432") + "/"
                + property("name", "test");
    }

    static String property(String name, String fallback) {
        return System.getProperty("smtpeter.it.db." + name, fallback);
    }
}
