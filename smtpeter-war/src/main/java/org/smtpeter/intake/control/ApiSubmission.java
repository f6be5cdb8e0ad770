package org.smtpeter.intake.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A message sent through the REST API, checked as an SMTP session checks its envelope: a bare
 * sender address (empty for the null sender), recipients as bare addresses without duplicates,
 * and the size and recipient limits of the SMTP listeners.
 *
 * @param credential the SMTP user name whose account and features apply
 * @param raw        the message, CRLF line ends
 */
public record ApiSubmission(String credential, String mailFrom, List<String> recipients, byte[] raw) {

    public static ApiSubmission of(String credential, String mailFrom, List<String> recipients, byte[] raw,
                                   long maxSize, int maxRecipients) throws JmsSubmission.Rejected {
        if (credential == null || credential.isBlank()) {
            throw new JmsSubmission.Rejected("'credential' (the SMTP user name to send as) is missing");
        }
        String sender = mailFrom == null ? "" : mailFrom.strip();
        if (!sender.isEmpty()) {
            JmsSubmission.checkAddress("from", sender);
        }
        List<String> unique = new ArrayList<>();
        for (String recipient : recipients) {
            String address = recipient.strip();
            JmsSubmission.checkAddress("to", address);
            if (unique.stream().noneMatch(known -> known.equalsIgnoreCase(address))) {
                unique.add(address);
            }
        }
        if (unique.isEmpty()) {
            throw new JmsSubmission.Rejected("no recipient: give at least one of 'to', 'cc' and 'bcc'");
        }
        if (unique.size() > maxRecipients) {
            throw new JmsSubmission.Rejected(unique.size() + " recipients; the limit is " + maxRecipients);
        }
        byte[] crlf = JmsSubmission.crlf(raw);
        if (crlf.length > maxSize) {
            throw new JmsSubmission.Rejected("the message is " + crlf.length + " octets; the limit is " + maxSize);
        }
        return new ApiSubmission(credential.strip(), sender, List.copyOf(unique), crlf);
    }

    /**
     * What makes two requests the same for an Idempotency-Key: the request as it came (its body and
     * envelope parameters), not the composed message, whose Date and Message-ID differ every time.
     */
    public static String fingerprint(byte[] body, String... parameters) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String parameter : parameters) {
                sha256.update(String.valueOf(parameter).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }

    public boolean eightBit() {
        return JmsSubmission.eightBit(raw);
    }

    public boolean utf8Addresses() {
        return JmsSubmission.utf8Addresses(mailFrom, recipients);
    }
}
