package org.smtpeter.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import jakarta.persistence.EntityManager;

/**
 * The row-locking clause for queue-like claims: PostgreSQL skips rows another instance holds;
 * H2 (one instance only) just locks.
 */
public final class RowLocks {

    /** The database does not change while the application runs. */
    private static volatile Boolean postgreSql;

    private RowLocks() {
    }

    public static String forUpdate(EntityManager em) {
        return isPostgreSql(em) ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    }

    private static boolean isPostgreSql(EntityManager em) {
        Boolean known = postgreSql;
        if (known == null) {
            try {
                Connection connection = em.unwrap(Connection.class);
                known = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            } catch (SQLException | RuntimeException e) {
                known = false;
            }
            postgreSql = known;
        }
        return known;
    }
}
