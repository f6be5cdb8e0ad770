package org.smtpeter.startup.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.PayaraMicro;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * The schema's migrations on the configured database (H2 or PostgreSQL): a new database starts
 * quietly at the latest version, and an installation from before migrations, its tables made by
 * EclipseLink and full of rows, is upgraded with every row kept and goes on working.
 */
class DatabaseSchemaIT {

    /** Tables of the fixture and the ids of its rows there; message_recipient has no id, counted by message. */
    private static final Map<String, List<Long>> FIXTURE_IDS = Map.of(
            "account", List.of(1L), "smtp_credential", List.of(2L), "api_token", List.of(3L),
            "dashboard_user", List.of(4L), "message", List.of(10L), "delivery", List.of(11L, 12L),
            "delivery_attempt", List.of(13L, 14L), "bounce", List.of(15L), "suppression", List.of(16L),
            "tracking_event", List.of(17L));

    @Test
    void aNewDatabaseIsCreatedAtTheLatestVersionWithoutAStackTrace() throws Exception {
        PayaraMicro micro = new PayaraMicro("schema-new", Map.of());
        micro.start();
        List<String> log = Files.readAllLines(micro.currentLog(), StandardCharsets.ISO_8859_1);
        micro.stop();

        List<String> traces = log.stream().filter(line -> line.matches("\\s+at [\\w.$]+\\(.*")
                || line.contains("Exception:")).toList();
        assertEquals(List.of(), traces, "a first start prints no stack trace");
        try (Connection db = connect(micro)) {
            List<String> history = history(db);
            assertEquals("1 SQL true", history.get(0), "the baseline ran as the first migration: " + history);
            assertEquals(latestMigration(micro.database()), lastVersion(history), history.toString());
            assertEquals(List.of(), foreignKeysWithoutAnIndex(db),
                    "a foreign key without an index is a scan per lookup by it (PostgreSQL makes none by itself)");
            assertEquals(List.of(), redundantIndexes(db), "an index that another one covers is written for every row for nothing");
            if (micro.database().equals("postgresql")) {
                assertEquals(1, count(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'message_chunk'::regclass"
                        + " AND attname = 'data' AND attcompression = 'l'"), "the pieces of messages are compressed with LZ4");
            }
        }
    }

    @Test
    void anInstallationFromBeforeMigrationsKeepsEveryRowAndGoesOnWorking() throws Exception {
        SmtpSink sink = new SmtpSink();
        PayaraMicro micro = new PayaraMicro("schema-upgrade", Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.poll-interval-millis", "200"));
        byte[] storedMessage = resource("previous-message.eml");
        try (Connection db = connect(micro)) {
            run(db, "previous-" + micro.database() + ".sql");
            run(db, "previous-data.sql");
            try (PreparedStatement chunk = db.prepareStatement(
                    "INSERT INTO message_chunk (message_id, seq, data) VALUES (10, 0, ?)")) {
                chunk.setBytes(1, storedMessage);
                chunk.executeUpdate();
            }
        }
        micro.start();
        Relay relay = Relay.around(micro, sink);
        try {
            ApiClient admin = ApiClient.admin(relay);
            JsonObject message = relay.message("MigratedMessage00001");
            assertEquals("Sent before the upgrade", message.getString("subject"), message.toString());
            assertArrayEquals(storedMessage, relay.rawMessage("MigratedMessage00001"));
            assertTrue(admin.array("/api/v1/accounts/1/suppressions").toString().contains("gone@example.net"));
            assertEquals("MigratedMessage00001", admin.array("/api/v1/messages?tag=newsletter").getJsonObject(0)
                    .getString("id"), "the tags of old messages are split into message_tag");

            // The old credential logs in, and new rows get ids after the old ones.
            TestCredential old = new TestCredential(1, "migrated-user", "migrated-password-1");
            String sender = Mails.uniqueSender();
            String id = relay.submit(old, sender, Mails.simple(sender, "after-upgrade@example.net", "after"),
                    "after-upgrade@example.net");
            sink.awaitFor("after-upgrade@example.net", Duration.ofSeconds(30));
            assertEquals("migrated-account", relay.message(id).getString("account"));
        } finally {
            relay.close();
        }

        try (Connection db = connect(micro)) {
            for (Map.Entry<String, List<Long>> table : FIXTURE_IDS.entrySet()) {
                for (long id : table.getValue()) {
                    assertEquals(1, count(db, "SELECT COUNT(*) FROM " + table.getKey() + " WHERE id = " + id),
                            table.getKey() + " row " + id);
                }
            }
            assertEquals(2, count(db, "SELECT COUNT(*) FROM message_recipient WHERE message_id = 10"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM message_chunk WHERE message_id = 10"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM message_tag WHERE message_id = 10 AND tag = 'newsletter'"));
            List<String> history = history(db);
            assertEquals("1 BASELINE true", history.get(0), "the old tables were taken as version 1: " + history);
            assertEquals(latestMigration(micro.database()), lastVersion(history), history.toString());
        }
    }

    private static Connection connect(PayaraMicro micro) throws SQLException {
        if (micro.database().equals("postgresql")) {
            return PostgreSql.connect(micro.schema());
        }
        return DriverManager.getConnection("jdbc:h2:file:" + micro.workDir().resolve("db/smtpeter"), "smtpeter", "smtpeter");
    }

    /** A table's indexes: the columns of each, in order, by index name, and which are not unique. */
    private record TableIndexes(String table, Map<String, List<String>> columns, Set<String> nonUnique) {
    }

    private static List<TableIndexes> indexes(Connection db) throws SQLException {
        DatabaseMetaData meta = db.getMetaData();
        List<TableIndexes> tables = new ArrayList<>();
        try (ResultSet table = meta.getTables(null, db.getSchema(), "%", new String[] {"TABLE"})) {
            while (table.next()) {
                String name = table.getString("TABLE_NAME");
                Map<String, List<String>> columns = new TreeMap<>();
                Set<String> nonUnique = new HashSet<>();
                try (ResultSet index = meta.getIndexInfo(null, db.getSchema(), name, false, false)) {
                    while (index.next()) {
                        String indexName = index.getString("INDEX_NAME").toLowerCase(Locale.ROOT);
                        List<String> list = columns.computeIfAbsent(indexName, n -> new ArrayList<>());
                        while (list.size() < index.getInt("ORDINAL_POSITION")) {
                            list.add(null);
                        }
                        list.set(index.getInt("ORDINAL_POSITION") - 1, index.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        if (index.getBoolean("NON_UNIQUE")) {
                            nonUnique.add(indexName);
                        }
                    }
                }
                tables.add(new TableIndexes(name, columns, nonUnique));
            }
        }
        return tables;
    }

    /** "table.column" of each foreign key whose first column starts no index of its table. */
    private static List<String> foreignKeysWithoutAnIndex(Connection db) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (TableIndexes table : indexes(db)) {
            Set<String> leading = new HashSet<>();
            table.columns().values().forEach(columns -> leading.add(columns.get(0)));
            try (ResultSet keys = db.getMetaData().getImportedKeys(null, db.getSchema(), table.table())) {
                while (keys.next()) {
                    String column = keys.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT);
                    if (keys.getInt("KEY_SEQ") == 1 && !leading.contains(column)) {
                        missing.add(table.table().toLowerCase(Locale.ROOT) + "." + column);
                    }
                }
            }
        }
        return missing;
    }

    /**
     * "table.index" of each non-unique index whose columns start another index of its table. H2's
     * own indexes for foreign keys (FK_..._INDEX_n) are left out: H2 makes one for each key unless
     * an index of exactly the key's columns exists, also where a wider one would do.
     */
    private static List<String> redundantIndexes(Connection db) throws SQLException {
        List<String> redundant = new ArrayList<>();
        for (TableIndexes table : indexes(db)) {
            for (String name : table.nonUnique()) {
                List<String> own = table.columns().get(name);
                boolean covered = table.columns().entrySet().stream().anyMatch(other -> !other.getKey().equals(name)
                        && other.getValue().size() >= own.size() && other.getValue().subList(0, own.size()).equals(own)
                        && (other.getValue().size() > own.size() || other.getKey().compareTo(name) < 0));
                if (covered && !name.matches("fk_.*_index_\\w+")) {
                    redundant.add(table.table().toLowerCase(Locale.ROOT) + "." + name + " " + own);
                }
            }
        }
        return redundant;
    }

    /** Version, type and success of each applied migration, in order. */
    private static List<String> history(Connection db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT \"version\", \"type\", \"success\""
                     + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getBoolean(3));
            }
        }
        return rows;
    }

    private static String lastVersion(List<String> history) {
        return history.get(history.size() - 1).split(" ")[0];
    }

    /**
     * The highest version among the migrations the relay carries for this database: those of
     * every database (db/migration/V<n>__*.sql) and its own (db/<database>/V<n>__*.sql).
     */
    private static String latestMigration(String database) throws IOException {
        java.nio.file.Path common = java.nio.file.Path.of(System.getProperty("smtpeter.it.migrations",
                "src/main/resources/db/migration"));
        int latest = 0;
        for (java.nio.file.Path folder : List.of(common, common.resolveSibling(database))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (var files = Files.list(folder)) {
                latest = Math.max(latest, files.map(path -> path.getFileName().toString())
                        .filter(name -> name.matches("V\\d+__.*\\.sql"))
                        .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                        .max().orElse(0));
            }
        }
        return String.valueOf(latest);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Runs a script of the fixture, statement by statement (statements end with a semicolon at a line's end). */
    private static void run(Connection db, String script) throws SQLException, IOException {
        String text = new String(resource(script), StandardCharsets.UTF_8);
        try (Statement statement = db.createStatement()) {
            for (String sql : text.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DatabaseSchemaIT.class.getResourceAsStream("/schema/" + name)) {
            if (in == null) {
                throw new IOException("no fixture /schema/" + name);
            }
            return in.readAllBytes();
        }
    }
}
