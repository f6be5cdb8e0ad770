package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * The trap of a commit that fails after the work succeeded: when the database refuses the COMMIT
 * itself, the client must get 451 and not 250. PostgreSQL can make exactly the commit fail with a deferred constraint
 * trigger, so this runs in the PostgreSQL pass of the suite.
 */
@ExtendWith(RelayExtension.class)
class CommitFailureIT {

    private static final String PREFIX = "commit-fails-";

    @Test
    void aFailedCommitIsAnswered451AndNothingIsStored(Relay relay) throws Exception {
        Assumptions.assumeTrue("postgresql".equals(relay.server().database()), "needs PostgreSQL's deferred triggers");
        installFailingCommitTrigger(relay.server().schema());
        TestCredential credential = relay.newCredential();
        String doomed = PREFIX + Mails.uniqueSender();
        String fine = Mails.uniqueSender();

        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            expect("451 4.3.0", transaction(client, doomed));
            // The session and the connection pool are still healthy afterwards.
            expect("250 2.0.0", transaction(client, fine));
        }
        assertEquals(0, relay.messagesFrom(doomed).size());
        assertEquals(1, relay.messagesFrom(fine).size());
    }

    @AfterEach
    void removeTrigger(Relay relay) throws SQLException {
        if ("postgresql".equals(relay.server().database())) {
            PostgreSql.execute("DROP TRIGGER IF EXISTS smtpeter_it_fail_commit ON " + relay.server().schema() + ".message");
        }
    }

    private static String transaction(RawSmtpClient client, String sender) throws java.io.IOException {
        expect("250", client.command("MAIL FROM:<" + sender + ">"));
        expect("250", client.command("RCPT TO:<a@example.net>"));
        expect("354", client.command("DATA"));
        client.write(Mails.dotStuffed(Mails.simple(sender, "a@example.net", "commit test")));
        return client.command(".");
    }

    private static void installFailingCommitTrigger(String schema) throws SQLException {
        PostgreSql.execute("CREATE OR REPLACE FUNCTION " + schema + ".smtpeter_it_fail_commit() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.reverse_path LIKE '" + PREFIX + "%' THEN RAISE EXCEPTION 'simulated commit failure'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        PostgreSql.execute("DROP TRIGGER IF EXISTS smtpeter_it_fail_commit ON " + schema + ".message");
        PostgreSql.execute("CREATE CONSTRAINT TRIGGER smtpeter_it_fail_commit AFTER INSERT ON " + schema + ".message "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + schema + ".smtpeter_it_fail_commit()");
    }
}
