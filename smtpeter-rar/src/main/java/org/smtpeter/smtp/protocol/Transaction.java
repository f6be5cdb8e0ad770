package org.smtpeter.smtp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;

/** One mail transaction in progress: MAIL FROM and its parameters, then the accepted recipients. */
final class Transaction {

    private static final Set<String> NOTIFY_VALUES = Set.of("SUCCESS", "FAILURE", "DELAY");
    private static final int MAX_ENVID = 100;

    private final String reversePath;
    private final String body;
    private final boolean smtpUtf8;
    private final long declaredSize;
    private final String ret;
    private final String envelopeId;
    private final List<Recipient> recipients = new ArrayList<>();

    private Transaction(String reversePath, String body, boolean smtpUtf8, long declaredSize,
                        String ret, String envelopeId) {
        this.reversePath = reversePath;
        this.body = body;
        this.smtpUtf8 = smtpUtf8;
        this.declaredSize = declaredSize;
        this.ret = ret;
        this.envelopeId = envelopeId;
    }

    /** Checks the MAIL FROM parameters (RFC 1870, 6152, 6531, 3461) and starts a transaction. */
    static Transaction begin(PathArgument mailFrom, long maxMessageSize) throws InvalidCommandException {
        Map<String, String> parameters = mailFrom.parameters();
        long size = -1;
        String body = null;
        boolean smtpUtf8 = false;
        String ret = null;
        String envelopeId = null;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> size = parseSize(value, maxMessageSize);
                case "BODY" -> body = oneOf("BODY", value, Set.of("7BIT", "8BITMIME"));
                case "SMTPUTF8" -> {
                    if (value != null) {
                        throw new InvalidCommandException(Replies.syntax("SMTPUTF8 takes no value"));
                    }
                    smtpUtf8 = true;
                }
                case "RET" -> ret = oneOf("RET", value, Set.of("FULL", "HDRS"));
                case "ENVID" -> envelopeId = xtext("ENVID", value, MAX_ENVID);
                case "AUTH" -> { } // RFC 4954 5: a server may ignore AUTH= on MAIL; we trust only our own AUTH
                default -> throw new InvalidCommandException(Replies.unknownParameter(parameter.getKey()));
            }
        }
        if (mailFrom.isInternationalized() && !smtpUtf8) {
            throw new InvalidCommandException(Replies.NON_ASCII_ADDRESS);
        }
        return new Transaction(mailFrom.address(), body, smtpUtf8, size, ret, envelopeId);
    }

    /** Checks the RCPT TO parameters (RFC 3461) and builds the recipient to propose. */
    Recipient recipient(PathArgument rcptTo) throws InvalidCommandException {
        if (rcptTo.isInternationalized() && !smtpUtf8) {
            throw new InvalidCommandException(Replies.NON_ASCII_ADDRESS);
        }
        String notify = null;
        String originalRecipient = null;
        for (Map.Entry<String, String> parameter : rcptTo.parameters().entrySet()) {
            switch (parameter.getKey()) {
                case "NOTIFY" -> notify = notify(parameter.getValue());
                case "ORCPT" -> originalRecipient = originalRecipient(parameter.getValue());
                default -> throw new InvalidCommandException(Replies.unknownParameter(parameter.getKey()));
            }
        }
        return new Recipient(rcptTo.address(), notify, originalRecipient);
    }

    void add(Recipient recipient) {
        recipients.add(recipient);
    }

    /** Whether this address was accepted already (any case): it gets one copy, not two. */
    boolean hasRecipient(String address) {
        return recipients.stream().anyMatch(r -> r.address().equalsIgnoreCase(address));
    }

    int recipientCount() {
        return recipients.size();
    }

    Envelope envelope(Client client, String authenticatedUser) {
        return new Envelope(client, authenticatedUser, reversePath, body, smtpUtf8, declaredSize, ret,
                envelopeId, recipients);
    }

    private static long parseSize(String value, long max) throws InvalidCommandException {
        if (value == null || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidCommandException(Replies.syntax("SIZE must be a number of octets"));
        }
        long size = Long.parseLong(value);
        if (size > max) {
            throw new InvalidCommandException(Replies.MESSAGE_TOO_BIG);
        }
        return size;
    }

    private static String oneOf(String name, String value, Set<String> allowed) throws InvalidCommandException {
        String upper = value == null ? null : value.toUpperCase(Locale.ROOT);
        if (upper == null || !allowed.contains(upper)) {
            throw new InvalidCommandException(Replies.syntax(name + " must be one of " + String.join(", ", allowed)));
        }
        return upper;
    }

    private static String notify(String value) throws InvalidCommandException {
        if (value == null) {
            throw new InvalidCommandException(Replies.syntax("NOTIFY needs a value"));
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("NEVER")) {
            return upper;
        }
        for (String part : upper.split(",", -1)) {
            if (!NOTIFY_VALUES.contains(part)) {
                throw new InvalidCommandException(Replies.syntax("NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY"));
            }
        }
        return upper;
    }

    private static String originalRecipient(String value) throws InvalidCommandException {
        int semicolon = value == null ? -1 : value.indexOf(';');
        if (semicolon <= 0) {
            throw new InvalidCommandException(Replies.syntax("ORCPT must be addr-type;address"));
        }
        xtext("ORCPT", value.substring(semicolon + 1), 500);
        return value;
    }

    /** RFC 3461 4: xtext is printable ASCII except '+' and '=', with +XX hex escapes. */
    private static String xtext(String name, String value, int maxLength) throws InvalidCommandException {
        if (value == null || value.length() > maxLength) {
            throw new InvalidCommandException(Replies.syntax(name + " is missing or too long"));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length() || !isUpperHex(value.charAt(i + 1)) || !isUpperHex(value.charAt(i + 2))) {
                    throw new InvalidCommandException(Replies.syntax(name + " has a malformed xtext escape"));
                }
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                throw new InvalidCommandException(Replies.syntax(name + " must be xtext"));
            }
        }
        return value;
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
