package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The relay's database for the benchmark, never the one of the one-command run: H2 files in the
 * benchmark's own data directory, or the fresh PostgreSQL schema {@value #SCHEMA} in database
 * {@code test} on 127.0.0.1:5432 (user postgres). The post-boot commands are those of
 * server-config/micro with the benchmark's values filled in, so pool sizes and validation settings
 * are always the ones users run with.
 */
final class RelayDatabase {

    static final String SCHEMA = "smtpeter_bench";

    private static final String HOST = "127.0.0.1";
    private static final String PORT = "5432";
    private static final String NAME = "test";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final String kind;

    private RelayDatabase(String kind) {
        this.kind = kind;
    }

    static RelayDatabase of(String kind) {
        if (!kind.equals("h2") && !kind.equals("postgresql")) {
            throw new IllegalArgumentException("-Dthroughput.database must be h2 or postgresql, not " + kind);
        }
        return new RelayDatabase(kind);
    }

    String describe() {
        return kind.equals("h2") ? "H2 (files)" : "PostgreSQL " + HOST + ":" + PORT + "/" + NAME + ", schema " + SCHEMA;
    }

    /**
     * Empties the database (PostgreSQL: drops and creates the schema) and writes the post-boot file.
     *
     * @param template server-config/micro/postboot-h2.asadmin or -postgresql.asadmin
     * @param dataDir  where H2 keeps its files ({@code dataDir/db/smtpeter})
     */
    Path writePostBootFile(Path serverConfigMicro, Path dataDir, Path target) throws IOException {
        if (kind.equals("postgresql")) {
            recreateSchema();
        }
        String commands = Files.readString(serverConfigMicro.resolve("postboot-" + kind + ".asadmin"));
        Map<String, String> values = Map.of(
                "${smtpeter.data.dir}", dataDir.toString(),
                "${smtpeter.db.host}", HOST,
                "${smtpeter.db.port}", PORT,
                "${smtpeter.db.name}", NAME,
                "${smtpeter.db.schema}", SCHEMA,
                "${smtpeter.db.user}", USER,
                "${smtpeter.db.password}", PASSWORD);
        for (Map.Entry<String, String> value : values.entrySet()) {
            commands = commands.replace(value.getKey(), value.getValue());
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, commands);
        return target;
    }

    /**
     * Whether the relay's tables need {@link #analyze()} before a run: PostgreSQL plans from the
     * statistics that {@code ANALYZE} keeps, and autovacuum, on by default, refreshes them as tables
     * grow. With autovacuum off (this machine's server) the benchmark's fresh schema never had any:
     * each batch of deliveries was read with two sequential scans, of all deliveries and of all
     * messages (960 of each in 10,000 messages), and the relay did 0.71-0.95 of Postfix's rate
     * instead of 0.94-1.16 (BENCHMARKS.md, 2026-12-07 late).
     */
    boolean needsAnalyze() throws IOException {
        if (!kind.equals("postgresql")) {
            return false;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet autovacuum = statement.executeQuery("SHOW autovacuum")) {
            return autovacuum.next() && !autovacuum.getString(1).equals("on");
        } catch (SQLException e) {
            throw new IOException("cannot ask PostgreSQL whether autovacuum is on: " + e.getMessage(), e);
        }
    }

    /** Analyzes every table of the relay's schema, as autovacuum would have as they grew. */
    void analyze() throws IOException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '"
                    + SCHEMA + "'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("ANALYZE " + SCHEMA + ".\"" + table + "\"");
            }
        } catch (SQLException e) {
            throw new IOException("cannot analyze schema " + SCHEMA + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME, USER, PASSWORD);
    }

    private static void recreateSchema() throws IOException {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;
        try (Connection connection = connect();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            throw new IOException("cannot prepare schema " + SCHEMA + " at " + url + ": " + e.getMessage(), e);
        }
    }
}
