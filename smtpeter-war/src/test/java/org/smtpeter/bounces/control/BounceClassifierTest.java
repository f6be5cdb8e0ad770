package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtpeter.bounces.control.Classification.Category;
import org.smtpeter.bounces.control.Classification.Hardness;
import org.smtpeter.bounces.control.ReportedRecipient.Action;

class BounceClassifierTest {

    private final BounceClassifier classifier = new BounceClassifier();

    /** action | Status field | diagnostic | hardness | effective status | category ("-" is null). */
    @ParameterizedTest(name = "[{index}] {0} {1} \"{2}\" -> {3} {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // RFC 3463 X.1.x: addressing
            "FAILED  | 5.1.1  | 550 5.1.1 <a@example.net>: User unknown                  | HARD | 5.1.1  | unknown-user",
            "FAILED  | 5.1.1  | -                                                         | HARD | 5.1.1  | unknown-user",
            "FAILED  | 5.1.2  | -                                                         | HARD | 5.1.2  | bad-domain",
            "FAILED  | 5.1.3  | 501 5.1.3 Bad recipient address syntax                    | HARD | 5.1.3  | unknown-user",
            "FAILED  | 5.1.6  | 551 5.1.6 User has moved                                  | HARD | 5.1.6  | mailbox-disabled",
            "FAILED  | 5.1.10 | 550 5.1.10 RESOLVER.ADR.RecipientNotFound                 | HARD | 5.1.10 | unknown-user",
            "FAILED  | 5.1.10 | 556 5.1.10 Recipient address has null MX                  | HARD | 5.1.10 | bad-domain",
            "FAILED  | 5.1.8  | 553 5.1.8 Sender address domain does not exist            | SOFT | 5.1.8  | policy",
            "FAILED  | 4.1.1  | 450 4.1.1 Recipient address rejected: unverified address  | HARD | 4.1.1  | unknown-user",
            // X.2.x: mailbox
            "FAILED  | 5.2.1  | 550 5.2.1 The email account that you tried to reach is disabled | SOFT | 5.2.1 | mailbox-disabled",
            "FAILED  | 5.2.2  | 552 5.2.2 Mailbox full                                    | SOFT | 5.2.2  | mailbox-full",
            "FAILED  | 4.2.2  | 452 4.2.2 The recipient's inbox is out of storage space   | SOFT | 4.2.2  | mailbox-full",
            "FAILED  | 5.2.0  | 550 5.2.0 Mailbox unavailable, account suspended          | SOFT | 5.2.0  | mailbox-disabled",
            "FAILED  | 5.3.4  | 552 5.3.4 Message size exceeds fixed limit                | SOFT | 5.3.4  | message-too-large",
            "FAILED  | 5.2.3  | -                                                         | SOFT | 5.2.3  | message-too-large",
            // X.4.x: routing
            "FAILED  | 5.4.4  | Host or domain name not found                             | HARD | 5.4.4  | bad-domain",
            "FAILED  | 4.4.1  | connect to mx.example.com[192.0.2.1]:25: Connection timed out | SOFT | 4.4.1 | temporary",
            "FAILED  | 4.4.7  | -                                                         | SOFT | 4.4.7  | temporary",
            "FAILED  | 5.4.1  | 550 5.4.1 Recipient address rejected: Access denied       | HARD | 5.4.1  | unknown-user",
            "FAILED  | 5.4.6  | 554 5.4.6 Hop count exceeded - possible mail loop         | SOFT | 5.4.6  | other",
            // X.5.x: protocol codes say nothing, the words do
            "FAILED  | 5.5.0  | 550 5.5.0 Requested action not taken: mailbox unavailable | HARD | 5.5.0  | unknown-user",
            // X.7.x: security and policy
            "FAILED  | 5.7.1  | 554 5.7.1 Service unavailable; Client host blocked using dnsbl.example.org | SOFT | 5.7.1 | spam-rejected",
            "FAILED  | 5.7.1  | 550 5.7.1 Message rejected as spam                        | SOFT | 5.7.1  | spam-rejected",
            "FAILED  | 5.7.1  | 550 5.7.1 Delivery not authorized, message refused        | SOFT | 5.7.1  | policy",
            "FAILED  | 5.7.1  | 554 5.7.1 <a@example.net>: Relay access denied            | SOFT | 5.7.1  | relay-denied",
            "FAILED  | 5.7.0  | 530 5.7.0 Authentication required                         | SOFT | 5.7.0  | relay-denied",
            "FAILED  | 5.7.1  | 550 5.7.1 RESOLVER.RST.AuthRequired; authentication required | SOFT | 5.7.1 | relay-denied",
            "FAILED  | 5.7.26 | 550 5.7.26 Unauthenticated email from shop.example is not accepted due to domain's DMARC policy | SOFT | 5.7.26 | policy",
            "FAILED  | 5.7.1  | 550 5.7.1 Recipient address rejected: User unknown        | HARD | 5.7.1  | unknown-user",
            "FAILED  | 5.7.1  | 550 5.7.1 Requested action not taken: mailbox unavailable | SOFT | 5.7.1  | policy",
            "FAILED  | 4.7.1  | 450 4.7.1 Recipient address rejected: Greylisted          | SOFT | 4.7.1  | temporary",
            "FAILED  | 4.7.0  | 421 4.7.0 unsolicited mail... temporarily rate limited    | SOFT | 4.7.0  | temporary",
            "FAILED  | 4.7.1  | 451 4.7.1 Message temporarily rejected as spam            | SOFT | 4.7.1  | spam-rejected",
            // generic Status refined by the diagnostic (Exim), but not across classes
            "FAILED  | 5.0.0  | 550 5.1.1 <a@example.net>: User unknown                  | HARD | 5.1.1  | unknown-user",
            "FAILED  | 5.0.0  | 451 4.3.0 Temporary lookup failure                        | SOFT | 5.0.0  | temporary",
            "FAILED  | 5.0.0  | -                                                         | SOFT | 5.0.0  | other",
            // only a basic reply code: 55x is hard unless the words say otherwise
            "FAILED  | -      | 550 Requested action not taken: mailbox unavailable       | HARD | 5.0.0  | unknown-user",
            "FAILED  | -      | 554 delivery error: dd This user doesn't have a yahoo.example account | HARD | 5.0.0 | unknown-user",
            "FAILED  | -      | 554 Transaction failed                                    | SOFT | 5.0.0  | other",
            "FAILED  | -      | 552 Requested mail action aborted: exceeded storage allocation | SOFT | 5.0.0 | mailbox-full",
            "FAILED  | -      | 552 Message too big for this system                      | SOFT | 5.0.0  | message-too-large",
            "FAILED  | -      | 552 5.2.2 Mailbox size limit exceeded                     | SOFT | 5.2.2  | mailbox-full",
            "FAILED  | -      | 550 Mailbox quota exceeded                                | SOFT | 5.0.0  | mailbox-full",
            "FAILED  | -      | 550 Blocked by spam filter                                | SOFT | 5.0.0  | spam-rejected",
            "FAILED  | -      | 503 Bad sequence of commands                              | SOFT | 5.0.0  | other",
            "FAILED  | -      | 451 Temporary local problem - please try later            | SOFT | 4.0.0  | temporary",
            "FAILED  | -      | 550-5.1.1 The email account that you tried to reach does not exist | HARD | 5.1.1 | unknown-user",
            "FAILED  | -      | 550 4.2.2 mismatched classes                              | SOFT | 5.0.0  | other",
            // no code at all: words only, and nothing telling is a soft 'other'
            "FAILED  | -      | cannot update mailbox: Disk quota exceeded                | SOFT | -      | mailbox-full",
            "FAILED  | -      | Sorry, no mailbox here by that name.                      | HARD | -      | unknown-user",
            "FAILED  | -      | all relevant MX records point to non-existent hosts; unrouteable address | HARD | - | bad-domain",
            "FAILED  | -      | something went wrong                                      | SOFT | -      | other",
            "FAILED  | -      | -                                                         | SOFT | -      | other",
            "-       | 5.1.1  | -                                                         | HARD | 5.1.1  | unknown-user",
            // not failures: never a bounce, whatever the words
            "DELAYED | 4.4.1  | Connection timed out                                      | NONE | 4.4.1  | temporary",
            "DELAYED | 4.2.2  | 452 4.2.2 Mailbox full                                    | NONE | 4.2.2  | mailbox-full",
            "DELAYED | 5.1.1  | user unknown                                              | NONE | 5.1.1  | unknown-user",
            "DELIVERED | 2.0.0 | 250 2.0.0 Ok: queued as 4Z1k2L3m4N                       | NONE | 2.0.0  | none",
            "RELAYED | 2.0.0  | -                                                         | NONE | 2.0.0  | none",
            "EXPANDED | 2.0.0 | -                                                         | NONE | 2.0.0  | none",
            "DELIVERED | -    | -                                                         | NONE | -      | none",
            "FAILED  | 2.0.0  | 250 ok                                                    | SOFT | 2.0.0  | none"})
    void classifiesAsTheTableSays(Action action, String status, String diagnostic, Hardness hardness,
                                  String expectedStatus, String category) {
        Classification classification = classifier.classify(action, status, diagnostic);
        assertEquals(List.of(hardness, String.valueOf(expectedStatus), Category.ofCode(category)),
                List.of(classification.hardness(), String.valueOf(classification.status()), classification.category()));
    }

    @Test
    void readsCommentsInTheStatusField() {
        assertEquals(new Classification(Hardness.HARD, "5.1.1", Category.UNKNOWN_USER, "userunknown"),
                classifier.classify(Action.FAILED, "5.1.1 (bad destination mailbox address)", null));
    }

    @Test
    void aDelayIsNeverAFailure() {
        for (String status : new String[] {"4.4.1", "5.1.1", "4.2.2", null}) {
            assertFalse(classifier.classify(Action.DELAYED, status, "550 5.1.1 user unknown").isFailure(), status);
        }
        assertTrue(classifier.classify(Action.FAILED, "4.4.1", null).isFailure());
    }

    @Test
    void classifiesAReportedRecipient() {
        ReportedRecipient reported = new ReportedRecipient("a@example.net", null, Action.FAILED, "5.2.2", "smtp",
                "552 5.2.2 Mailbox full", null);
        assertEquals(new Classification(Hardness.SOFT, "5.2.2", Category.MAILBOX_FULL, "mailboxfull"), classifier.classify(reported));
    }
}
