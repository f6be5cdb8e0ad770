package org.smtpeter.intake.control;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.smtpeter.credentials.entity.SmtpCredential;

/**
 * A message submitted over JMS, checked the way an SMTP session checks its envelope: the
 * credential it is sent as, MAIL FROM and RCPT TO as plain addresses, and the size and recipient
 * limits. The body is raw MIME; line ends are made CRLF, as SMTP would have delivered them.
 *
 * @param credential    the SMTP user name whose account and features apply
 * @param mailFrom      the envelope sender; empty for the null sender
 * @param recipients    the envelope recipients, in order, without duplicates
 * @param raw           the message, CRLF line ends
 * @param correlationId the JMS correlation id (or message id), repeated in the events
 */
public record JmsSubmission(String credential, String mailFrom, List<String> recipients, byte[] raw,
                            String correlationId) {

    /** Why a submission cannot be accepted; it is reported as a {@code rejected} event, never retried. */
    public static class Rejected extends Exception {

        public Rejected(String reason) {
            super(reason);
        }
    }

    public static JmsSubmission parse(String credential, String mailFrom, String rcptTo, byte[] body,
                                      String correlationId, long maxSize, int maxRecipients) throws Rejected {
        if (credential == null || credential.isBlank()) {
            throw new Rejected("the property 'credential' (an SMTP user name) is missing");
        }
        if (mailFrom == null) {
            throw new Rejected("the property 'mailFrom' (the envelope sender; empty for <>) is missing");
        }
        String sender = mailFrom.strip();
        if (!sender.isEmpty()) {
            checkAddress("mailFrom", sender);
        }
        List<String> recipients = recipients(rcptTo, maxRecipients);
        if (body == null || body.length == 0) {
            throw new Rejected("the message body (raw MIME) is empty");
        }
        byte[] raw = crlf(body);
        if (raw.length > maxSize) {
            throw new Rejected("the message is " + raw.length + " octets; the limit is " + maxSize);
        }
        return new JmsSubmission(credential.strip(), sender, recipients, raw, correlationId);
    }

    /**
     * The credential the submission is sent as, when it may be: it exists, is enabled and allows JMS
     * submission. The queue asks for no password, so the switch is what keeps whoever can write to
     * the queue from sending as every credential.
     *
     * @param found the credential of that user name, if there is one
     */
    public SmtpCredential sender(Optional<SmtpCredential> found) throws Rejected {
        SmtpCredential sender = found.filter(SmtpCredential::isEnabled)
                .orElseThrow(() -> new Rejected("no enabled SMTP credential '" + credential + "'"));
        if (!sender.isJmsSubmission()) {
            throw new Rejected("the SMTP credential '" + credential + "' does not allow JMS submission; switch on"
                    + " jmsSubmission for it (REST API or dashboard) to send as it over JMS");
        }
        return sender;
    }

    private static List<String> recipients(String rcptTo, int maxRecipients) throws Rejected {
        if (rcptTo == null || rcptTo.isBlank()) {
            throw new Rejected("the property 'rcptTo' (comma-separated recipient addresses) is missing");
        }
        List<String> recipients = new ArrayList<>();
        for (String part : rcptTo.split(",")) {
            String address = part.strip();
            if (address.isEmpty()) {
                continue;
            }
            checkAddress("rcptTo", address);
            if (recipients.stream().noneMatch(known -> known.equalsIgnoreCase(address))) {
                recipients.add(address);
            }
        }
        if (recipients.isEmpty()) {
            throw new Rejected("the property 'rcptTo' names no recipient");
        }
        if (recipients.size() > maxRecipients) {
            throw new Rejected(recipients.size() + " recipients; the limit is " + maxRecipients);
        }
        return List.copyOf(recipients);
    }

    /** A bare addr-spec, as in MAIL FROM:<...>: no display name, no brackets, no list. */
    static void checkAddress(String property, String address) throws Rejected {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (!parsed.getAddress().equals(address) || parsed.getPersonal() != null || !address.contains("@")) {
                throw new AddressException("not a bare address");
            }
        } catch (AddressException e) {
            throw new Rejected("'" + property + "' is not a mail address: " + address);
        }
    }

    /** Bare LF or CR become CRLF; what is already CRLF stays. */
    static byte[] crlf(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 40);
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < body.length && body[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Whether the body needs 8BITMIME (and, for the addresses, SMTPUTF8) from the next hop. */
    public boolean eightBit() {
        return eightBit(raw);
    }

    public boolean utf8Addresses() {
        return utf8Addresses(mailFrom, recipients);
    }

    static boolean eightBit(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    static boolean utf8Addresses(String mailFrom, List<String> recipients) {
        return !(mailFrom + String.join("", recipients)).chars().allMatch(c -> c < 0x80);
    }

    @Override
    public String toString() {
        return "JmsSubmission[" + credential + ", from <" + mailFrom + "> to " + recipients.size()
                + " recipients, " + raw.length + " octets, " + correlationId + "]";
    }
}
