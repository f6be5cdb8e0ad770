package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;

/** MAIL FROM and RCPT TO parameters: RFC 1870 SIZE, 6152 BODY, 6531 SMTPUTF8, 3461 RET/ENVID/NOTIFY/ORCPT. */
class TransactionTest {

    private static final long MAX_SIZE = 1000;
    private static final Client CLIENT = new Client("submission", "192.0.2.7", 1, "client.test", null, null);

    private static Transaction begin(String parameters) throws InvalidCommandException {
        return Transaction.begin(PathArgument.parse("FROM:<a@example.com> " + parameters, "FROM", true), MAX_SIZE);
    }

    private static Recipient recipient(String parameters) throws InvalidCommandException {
        return begin("").recipient(PathArgument.parse("TO:<b@example.com> " + parameters, "TO", false));
    }

    private static String refusal(Executable call) {
        InvalidCommandException e = assertThrows(InvalidCommandException.class, call::run);
        return e.reply().code() + " " + e.reply().enhancedStatus();
    }

    private interface Executable {
        void run() throws InvalidCommandException;
    }

    @ParameterizedTest(name = "MAIL FROM:<a@example.com> {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SIZE=0                    | size=0
            SIZE=1000                 | size=1000
            BODY=7BIT                 | body=7BIT
            BODY=8bitmime             | body=8BITMIME
            SMTPUTF8                  | utf8=true
            RET=FULL                  | ret=FULL
            RET=hdrs                  | ret=HDRS
            ENVID=QQ+2Bx1             | envid=QQ+2Bx1
            ENVID=<id@example.com>    | envid=<id@example.com>
            AUTH=<>                   | size=-1
            AUTH=alice+40example.com  | size=-1
            """)
    void acceptedMailParameters(String parameters, String expected) throws InvalidCommandException {
        Envelope envelope = begin(parameters).envelope(CLIENT, null);
        String actual = switch (expected.substring(0, expected.indexOf('='))) {
            case "size" -> "size=" + envelope.declaredSize();
            case "body" -> "body=" + envelope.body();
            case "utf8" -> "utf8=" + envelope.smtpUtf8();
            case "ret" -> "ret=" + envelope.ret();
            case "envid" -> "envid=" + envelope.envelopeId();
            default -> throw new IllegalArgumentException(expected);
        };
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "MAIL FROM:<a@example.com> {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SIZE=1001                   | 552 5.3.4
            SIZE                        | 501 5.5.4
            SIZE=-5                     | 501 5.5.4
            SIZE=1e3                    | 501 5.5.4
            SIZE=1234567890123456789    | 501 5.5.4
            BODY=BINARYMIME             | 501 5.5.4
            BODY                        | 501 5.5.4
            SMTPUTF8=yes                | 501 5.5.4
            RET=NONE                    | 501 5.5.4
            RET                         | 501 5.5.4
            ENVID                       | 501 5.5.4
            ENVID=a+2bb                 | 501 5.5.4
            ENVID=ab+2                  | 501 5.5.4
            ENVID=a+G0                  | 501 5.5.4
            ENVID=a=b                   | 501 5.5.4
            ENVID=é                     | 501 5.5.4
            XFORWARD=1                  | 555 5.5.4
            """)
    void refusedMailParameters(String parameters, String expected) {
        assertEquals(expected, refusal(() -> begin(parameters)));
    }

    @Test
    void envidIsLimitedTo100Characters() throws InvalidCommandException {
        assertEquals("x".repeat(100), begin("ENVID=" + "x".repeat(100)).envelope(CLIENT, null).envelopeId());
        assertEquals("501 5.5.4", refusal(() -> begin("ENVID=" + "x".repeat(101))));
    }

    @Test
    void nonAsciiSenderNeedsSmtpUtf8() throws InvalidCommandException {
        PathArgument utf8 = PathArgument.parse("FROM:<jörg@example.de>", "FROM", true);
        assertEquals("553 5.6.7", refusal(() -> Transaction.begin(utf8, MAX_SIZE)));
        PathArgument declared = PathArgument.parse("FROM:<jörg@example.de> SMTPUTF8", "FROM", true);
        assertTrue(Transaction.begin(declared, MAX_SIZE).envelope(CLIENT, null).smtpUtf8());
    }

    @ParameterizedTest(name = "RCPT TO:<b@example.com> {0} -> NOTIFY {1}, ORCPT {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            ''                                      | null                  | null
            NOTIFY=never                            | NEVER                 | null
            NOTIFY=success,failure,delay            | SUCCESS,FAILURE,DELAY | null
            NOTIFY=DELAY                            | DELAY                 | null
            ORCPT=rfc822;b@example.com              | null                  | rfc822;b@example.com
            ORCPT=rfc822;b+2Bx@example.com          | null                  | rfc822;b+2Bx@example.com
            NOTIFY=SUCCESS ORCPT=rfc822;b@example.com | SUCCESS             | rfc822;b@example.com
            """)
    void acceptedRcptParameters(String parameters, String notify, String orcpt) throws InvalidCommandException {
        assertEquals(new Recipient("b@example.com", notify, orcpt), recipient(parameters));
    }

    @ParameterizedTest(name = "RCPT TO:<b@example.com> {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NOTIFY=NEVER,SUCCESS        | 501 5.5.4
            NOTIFY=SUCCESS,NEVER        | 501 5.5.4
            NOTIFY=SUCCESS,             | 501 5.5.4
            NOTIFY=BOUNCE               | 501 5.5.4
            NOTIFY                      | 501 5.5.4
            ORCPT=rfc822                | 501 5.5.4
            ORCPT=;b@example.com        | 501 5.5.4
            ORCPT=rfc822;b=c@example.com | 501 5.5.4
            ORCPT=rfc822;b+zz@example.com | 501 5.5.4
            ORCPT                       | 501 5.5.4
            SIZE=10                     | 555 5.5.4
            """)
    void refusedRcptParameters(String parameters, String expected) {
        assertEquals(expected, refusal(() -> recipient(parameters)));
    }

    @Test
    void nonAsciiRecipientNeedsSmtpUtf8OnMail() throws InvalidCommandException {
        PathArgument to = PathArgument.parse("TO:<zoë@example.org>", "TO", false);
        assertEquals("553 5.6.7", refusal(() -> begin("").recipient(to)));
        assertEquals("zoë@example.org", begin("SMTPUTF8").recipient(to).address());
    }

    @Test
    void envelopeListsAddedRecipientsInOrder() throws InvalidCommandException {
        Transaction transaction = begin("");
        transaction.add(new Recipient("one@example.com", null, null));
        transaction.add(new Recipient("two@example.com", "NEVER", null));
        assertEquals(2, transaction.recipientCount());
        Envelope envelope = transaction.envelope(CLIENT, "alice");
        assertEquals("two@example.com", envelope.recipients().get(1).address());
        assertEquals("alice", envelope.authenticatedUser());
        assertEquals("a@example.com", envelope.reversePath());
    }
}
