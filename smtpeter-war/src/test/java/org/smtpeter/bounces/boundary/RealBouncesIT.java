package org.smtpeter.bounces.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.bounces.boundary.BouncePath.WAIT;
import static org.smtpeter.bounces.boundary.BouncePath.array;
import static org.smtpeter.bounces.boundary.BouncePath.unique;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * Real bounces from Sisimai's corpus (src/test/resources/bounces/sisimai), sent unchanged but for
 * CRLF line ends to the VERP address of a copy the relay delivered, on the port-25 role, as the
 * remote MTA would; then read back through the REST API: one record per failed recipient, each
 * with its reason and hardness.
 */
@ExtendWith(RelayExtension.class)
class RealBouncesIT {

    @Test
    void aBounceWithDamagedLineEndsIsTakenAndClassified(Relay relay) throws Exception {
        // Lines end in CR CR LF: the stray CR is normalised, the bounce is not refused for its form.
        JsonArray records = bounce(relay, relay.newCredential(), "lhost-dragonfly-01.eml");
        assertEquals(1, records.size(), records.toString());
        assertEquals("authfailure", records.getJsonObject(0).getString("category"));
        assertEquals("soft", records.getJsonObject(0).getString("hardness"));
    }

    @Test
    void aBounceNamingSeveralRecipientsIsRecordedPerRecipientAndSuppressesNobodyOnAGuess(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        JsonArray records = bounce(relay, credential, "lhost-postfix-13.eml");
        assertEquals(Map.of("kijitora@example.jp", "userunknown hard", "noraneko@example.jp", "mailboxfull soft"),
                byReportedRecipient(records), records.toString());
        // Neither reported address is the delivery's: the mildest verdict decides, nobody is suppressed.
        assertTrue(array(relay, "/api/v1/accounts/" + credential.accountId() + "/suppressions").isEmpty());
    }

    @Test
    void aSingleUserUnknownSuppressesAndAComplaintIsRecordedAsOne(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        JsonArray gone = bounce(relay, credential, "lhost-postfix-04.eml");
        assertEquals(1, gone.size(), gone.toString());
        assertEquals("userunknown", gone.getJsonObject(0).getString("category"));
        assertEquals("hard", gone.getJsonObject(0).getString("hardness"));
        JsonArray suppressed = array(relay, "/api/v1/accounts/" + credential.accountId() + "/suppressions");
        assertEquals(List.of("hard-bounce"), suppressed.getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("reason")).toList());

        JsonArray complaint = bounce(relay, credential, "arf-01.eml", "complaints");
        assertEquals("complaint", complaint.getJsonObject(0).getString("kind"));
        assertEquals("abuse", complaint.getJsonObject(0).getString("category"));
    }

    /** Sends a message, then the corpus bounce to its copy's VERP address; the records for that message. */
    private static JsonArray bounce(Relay relay, TestCredential credential, String file) throws Exception {
        return bounce(relay, credential, file, "bounces");
    }

    /** The same, read from the named log (bounces or complaints). */
    private static JsonArray bounce(Relay relay, TestCredential credential, String file, String log) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("real");
        String id = relay.submit(credential, sender, Mails.simple(sender, recipient, "bounce " + file), recipient);
        String verp = relay.sink().awaitFor(recipient, WAIT).mailFrom();
        try (RawSmtpClient mta = BouncePath.mta(relay, null)) {
            expect("250", mta.command("MAIL FROM:<>"));
            expect("250", mta.command("RCPT TO:<" + verp + ">"));
            expect("354", mta.command("DATA"));
            mta.write(Mails.dotStuffed(crlf(corpus(file))));
            expect("250", mta.command("."));
        }
        return array(relay, "/api/v1/" + log + "?message=" + id);
    }

    private static Map<String, String> byReportedRecipient(JsonArray records) {
        Map<String, String> verdicts = new TreeMap<>();
        for (JsonObject record : records.getValuesAs(JsonObject.class)) {
            String reported = record.isNull("reportedRecipient") ? record.getString("recipient")
                    : record.getString("reportedRecipient");
            verdicts.put(reported, record.getString("category") + " " + record.getString("hardness"));
        }
        return verdicts;
    }

    /** LF becomes CRLF as an MTA would send it; a CR already there stays (CR CR LF stays damaged). */
    private static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 20);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(raw[i]);
        }
        if (raw.length == 0 || raw[raw.length - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] corpus(String file) throws IOException {
        try (InputStream in = RealBouncesIT.class.getResourceAsStream("/bounces/sisimai/" + file)) {
            return in.readAllBytes();
        }
    }
}
