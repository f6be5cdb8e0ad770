package org.smtpeter.startup.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the version this code expects, with the migrations under
 * {@code db/migration} (Flyway), before the persistence unit or any listener touches it; those
 * under {@code db/<database>} (say {@code db/postgresql}) run on that database only, and take
 * their version numbers from the same sequence. A new
 * database gets every version from the first; one made by a relay from before migrations
 * existed, whose tables EclipseLink created, is taken as version 1 and gets the later ones.
 * Several relays starting on one database migrate once: Flyway locks its history table.
 */
final class DatabaseSchema {

    /** The persistence unit's data source (persistence.xml), defined by the server's post-boot commands. */
    static final String DATA_SOURCE = "jdbc/smtpeter";

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    /** Flyway tells every step at INFO; the one line below says what happened. Held: loggers are weakly kept. */
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    private DatabaseSchema() {
    }

    /** Migrates; the problem, in a sentence for the operator, if the schema could not be brought up to date. */
    static Optional<String> migrate() {
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(DATA_SOURCE);
        } catch (NamingException e) {
            return Optional.of("The data source " + DATA_SOURCE + " is not defined: " + e.getMessage());
        }
        FLYWAY.setLevel(Level.WARNING);
        try {
            MigrateResult result = Flyway.configure(DatabaseSchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(locations(dataSource))
                    .baselineOnMigrate(true)
                    .baselineVersion("1")
                    .baselineDescription("tables created by EclipseLink before migrations")
                    .load()
                    .migrate();
            LOG.info(() -> result.migrationsExecuted == 0
                    ? "Database schema is up to date" // Flyway names no target version when nothing ran
                    : "Database schema migrated from version " + Optional.ofNullable(result.initialSchemaVersion)
                            .orElse("none") + " to " + result.targetSchemaVersion);
            return Optional.empty();
        } catch (FlywayException e) {
            return Optional.of("The database schema could not be brought up to date: " + e.getMessage());
        } catch (SQLException e) {
            return Optional.of("The database could not be reached to bring its schema up to date: " + e.getMessage());
        }
    }

    /** The migrations of every database, and this database's own where there are any. */
    private static String[] locations(DataSource dataSource) throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
        String own = "db/" + product.replaceAll("[^a-z0-9]", "");
        return DatabaseSchema.class.getClassLoader().getResource(own) == null
                ? new String[] {"classpath:db/migration"}
                : new String[] {"classpath:db/migration", "classpath:" + own};
    }
}
