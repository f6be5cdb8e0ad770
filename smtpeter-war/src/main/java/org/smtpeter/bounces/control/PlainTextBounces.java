package org.smtpeter.bounces.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpeter.bounces.control.OriginalMessage.HeaderField;
import org.smtpeter.bounces.control.ReportedRecipient.Action;

/**
 * Recognises bounces written as free text rather than as RFC 3464 reports, by the shapes the
 * common MTAs produce (Exim, qmail, Postfix, Sendmail, Exchange/Office 365, Gmail, Yahoo), and
 * pulls out each failed recipient with the SMTP reply and codes quoted next to it.
 *
 * <p>Recognition and extraction are separate: a shape only decides that the text is a bounce
 * (or a delay warning); the recipients are then found the same way for every shape, as the
 * addresses in the explanatory part of the text (before the quoted original) with the reply that
 * follows each of them.
 */
final class PlainTextBounces {

    /** A recognised plain-text bounce or delay warning. */
    record TextBounce(String shape, boolean delayed, List<ReportedRecipient> recipients, OriginalMessage original) {
    }

    /** A shape: its name, whether it is a delay warning, and a pattern for the subject or the text. */
    private record Shape(String name, boolean delayed, boolean onSubject, Pattern pattern) {
    }

    private static Shape text(String name, boolean delayed, String regex) {
        return new Shape(name, delayed, false, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static Shape subject(String name, boolean delayed, String regex) {
        return new Shape(name, delayed, true, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** Delay warnings first: some share their opening lines with the same MTA's failures. */
    private static final List<Shape> SHAPES = List.of(
            subject("Postfix", true, "^delayed mail \\(still being retried\\)"),
            text("Postfix", true, "this is a warning only\\.?\\s+you do not need to resend your message"),
            subject("Sendmail", true, "^warning: could not send message for past"),
            subject("Exim", true, "^warning: message \\S+ delayed"),
            text("Exim", true, "has not yet been delivered to one or more of its\\s+recipients"),
            subject("Gmail", true, "^delivery status notification \\(delay\\)"),
            subject("Exchange", true, "^delivery delayed:"),
            text("Exchange", true, "delivery (?:to the following recipients )?has been delayed"),

            text("Exim", false, "this message was created automatically by mail delivery software"
                    + "|could not be delivered to one or more of its\\s+recipients"),
            subject("Exim", false, "^mail delivery failed|^mail failure - "),
            text("qmail", false, "hi\\. this is the qmail-send program|i'm afraid i wasn't able to deliver your message"),
            text("Yahoo", false, "sorry, we were unable to deliver your message to the following address"),
            text("Postfix", false, "this is the mail system at host|i'm sorry to have to inform you that your message could not\\s+be delivered"),
            subject("Postfix", false, "^undelivered mail returned to sender"),
            text("Sendmail", false, "the following addresses had permanent fatal errors"),
            subject("Sendmail", false, "^returned mail:"),
            text("Exchange", false, "delivery has failed to these recipients or groups|remote server returned '"
                    + "|diagnostic information for administrators|your message (?:to \\S+ )?couldn't be delivered"
                    + "|die zustellung an folgende empfänger oder gruppen ist fehlgeschlagen"
                    + "|la remise aux destinataires ou groupes suivants a échoué"),
            subject("Exchange", false, "^(?:undeliverable|unzustellbar|non remis)\\s?:"),
            text("Gmail", false, "the email account that you tried to reach does not exist|\\*\\* address not found \\*\\*"
                    + "|\\*\\* message not delivered \\*\\*|your message wasn't delivered to"
                    + "|delivery to the following recipients? failed permanently"),
            subject("Gmail", false, "^delivery status notification \\(failure\\)"));

    /** A generic bounce: a bounce-like subject or a mail-system sender, and failure wording. */
    private static final Pattern GENERIC_SUBJECT = Pattern.compile(
            "^(?:undeliver|returned mail|mail delivery (?:failed|failure|system)|delivery (?:failure|failed|notification)"
                    + "|failure notice|non[- ]?delivery|nondeliverable|message (?:not delivered|delivery failure)"
                    + "|mail system error|delivery status notification)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FAILURE_WORDING = Pattern.compile(
            "could not be delivered|couldn't be delivered|was not delivered|wasn't delivered|undeliverable"
                    + "|permanent (?:fatal )?error|delivery (?:has )?failed|failed to deliver|unable to deliver|not be delivered"
                    + "|nicht zugestellt werden|n'a pas pu être remis|error has occurred while attempting to deliver"
                    + "|did not reach the following|failed permanently|failure reasons|unknown user|user unknown|no such user"
                    + "|could not deliver|delivery to the following|following (?:address|recipient)s? (?:had|failed)"
                    + "|returned mail|undeliverable|permanent failure|message delivery failed",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Where the explanation ends and the returned original begins. */
    private static final Pattern QUOTED_ORIGINAL = Pattern.compile(
            "^[ \\t]*-{2,}[ \\t]*(?:below this line is a copy of the message|this is a copy of the message"
                    + "|original message|forwarded message|message d'origine|urspr[üu]ngliche nachricht)"
                    + "|^[ \\t]*original message headers:|^[ \\t]*-*[ \\t]*original message (?:follows|headers)"
                    + "|^[ \\t]*below is a copy of the original message|^[ \\t]*-+[ \\t]*(?:returned message|original message)[ \\t]*-*[ \\t]*$"
                    + "|^(?:return-path|received|dkim-signature|message-id|mime-version|arc-seal|authentication-results):[ \\t]",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*:[ \\t]", Pattern.MULTILINE);

    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-])[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");
    /**
     * Addresses that are not failed recipients: the envelope sender in a transcript, aliases,
     * headers (also quoted with "&gt;" in a forwarded bounce), Message-IDs.
     */
    private static final Pattern NOT_A_RECIPIENT = Pattern.compile(
            "mail from|generated from|^[ \\t>]*(?:from|reply-to|sender|return-path|message-id|in-reply-to|references):",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REMOTE_HOST = Pattern.compile(
            "\\bhost\\s+([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)\\s*\\[|generating server:\\s*([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SAME_LINE_REPLY = Pattern.compile("^>?\\.\\.\\.\\s*(\\S.*\\S)\\s*$");
    /** Sendmail's words for a reply it did not expect; the reply itself is in the transcript. */
    private static final Pattern PROTOCOL_ERROR = Pattern.compile("remote\\s+protocol\\s+error\\s*$", Pattern.CASE_INSENSITIVE);
    /** The heading of the list of failed recipients, where a lead-in summary ends. */
    private static final Pattern LIST_HEADING = Pattern.compile(
            "(?:did\\s+not\\s+reach|could\\s+not\\s+be\\s+(?:reached|delivered\\s+to))\\s+the\\s+following\\s+recipient\\(?s?\\)?:",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_DIAGNOSTIC = 1000;

    /**
     * Recognises a plain-text bounce.
     *
     * @param subject         the decoded subject, or null
     * @param fromMailSystem  whether the sender is a mail system (MAILER-DAEMON, postmaster, ...)
     * @param text            the readable text of the message
     * @param ownAddresses    addresses that are not recipients (the bounce's From, To, Reply-To),
     *                        lower case
     * @param failedHeader    the addresses of an X-Failed-Recipients header (Exim, Gmail), added
     *                        when the text does not name them
     */
    Optional<TextBounce> recognise(String subject, boolean fromMailSystem, String text, Set<String> ownAddresses,
                                   List<String> failedHeader) {
        String body = text == null ? "" : text;
        String subjectLine = subject == null ? "" : subject.strip();
        Shape shape = SHAPES.stream()
                .filter(s -> s.pattern().matcher(s.onSubject() ? subjectLine : body).find())
                .findFirst().orElse(null);
        String name;
        boolean delayed;
        if (shape != null) {
            name = shape.name();
            delayed = shape.delayed();
        } else if ((fromMailSystem || GENERIC_SUBJECT.matcher(subjectLine).find()) && FAILURE_WORDING.matcher(body).find()
                || fromMailSystem && GENERIC_SUBJECT.matcher(subjectLine).find()) {
            name = "generic";
            delayed = false;
        } else {
            return Optional.empty();
        }
        Matcher quoted = QUOTED_ORIGINAL.matcher(body);
        int cut = quoted.find() ? quoted.start() : body.length();
        String explanation = body.substring(0, cut);
        Action action = delayed ? Action.DELAYED : Action.FAILED;
        List<ReportedRecipient> recipients = new ArrayList<>(recipients(explanation, action, ownAddresses));
        for (String failed : failedHeader) {
            if (recipients.stream().noneMatch(r -> r.finalRecipient().equalsIgnoreCase(failed))) {
                String diagnostic = diagnostic(explanation);
                if (diagnostic == null) {
                    diagnostic = collapse(explanation);
                }
                recipients.add(new ReportedRecipient(failed, null, action, StatusCodes.enhanced(diagnostic), null,
                        diagnostic, null));
            }
        }
        OriginalMessage quotedOriginal = quotedHeaders(body.substring(cut));
        if (recipients.isEmpty()) {
            // The text names nobody: the returned original's only To address is who it was for.
            soleRecipient(quotedOriginal).ifPresent(to -> {
                String diagnostic = diagnostic(explanation);
                String said = diagnostic != null ? diagnostic : collapse(explanation);
                recipients.add(new ReportedRecipient(to, null, action, StatusCodes.enhanced(said), null, said, null));
            });
        }
        return Optional.of(new TextBounce(name, delayed, recipients, quotedOriginal));
    }

    private static List<ReportedRecipient> recipients(String explanation, Action action, Set<String> ownAddresses) {
        // The segment after each mention of an address, up to the next mention of any address,
        // belongs to that address; an address mentioned twice gets both segments.
        record Mention(String address, int start) {
        }
        List<Mention> mentions = new ArrayList<>();
        Matcher m = ADDRESS.matcher(explanation);
        while (m.find()) {
            String address = m.group();
            int lineStart = explanation.lastIndexOf('\n', m.start()) + 1;
            String before = explanation.substring(Math.max(lineStart, m.start() - 40), m.start());
            String lineBefore = explanation.substring(lineStart, m.start());
            String lower = address.toLowerCase(Locale.ROOT);
            // postmaster@ is who to ask ("contact postmaster@..."), hardly ever the failed recipient.
            if (ownAddresses.contains(lower) || lower.startsWith("mailer-daemon@") || lower.startsWith("postmaster@")
                    || NOT_A_RECIPIENT.matcher(before).find() || NOT_A_RECIPIENT.matcher(lineBefore).find()) {
                continue;
            }
            mentions.add(new Mention(address, m.start()));
        }
        // A summary of the message before the list of failed recipients ("Your message To: ...
        // did not reach the following recipient(s):") names the original's addressees, not them.
        Matcher heading = LIST_HEADING.matcher(explanation);
        if (heading.find()) {
            int listStart = heading.end();
            if (mentions.stream().anyMatch(x -> x.start() >= listStart)) {
                mentions.removeIf(x -> x.start() < listStart);
            }
        }
        Map<String, StringBuilder> contexts = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, Integer> firstMention = new LinkedHashMap<>();
        for (int i = 0; i < mentions.size(); i++) {
            Mention mention = mentions.get(i);
            int end = i + 1 < mentions.size() ? mentions.get(i + 1).start() : explanation.length();
            String key = mention.address().toLowerCase(Locale.ROOT);
            spelling.putIfAbsent(key, mention.address());
            firstMention.putIfAbsent(key, mention.start());
            contexts.computeIfAbsent(key, k -> new StringBuilder()).append(explanation, mention.start(), end);
        }
        List<ReportedRecipient> recipients = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> entry : contexts.entrySet()) {
            String context = entry.getValue().toString();
            String diagnostic = sameLineReply(context, spelling.get(entry.getKey()));
            if (diagnostic != null && PROTOCOL_ERROR.matcher(diagnostic).lookingAt()) {
                diagnostic = lastReplyBefore(explanation, firstMention.get(entry.getKey())) + " " + diagnostic;
            }
            if (diagnostic == null) {
                diagnostic = diagnostic(context);
            }
            if (diagnostic == null && contexts.size() == 1) {
                diagnostic = diagnostic(explanation);
            }
            if (diagnostic == null && contexts.size() == 1) {
                // No reply code anywhere: the whole explanation is what the bounce says about it.
                diagnostic = collapse(explanation);
            }
            if (diagnostic == null) {
                diagnostic = firstWords(context.substring(spelling.get(entry.getKey()).length()));
            }
            String enhanced = StatusCodes.enhanced(diagnostic);
            recipients.add(new ReportedRecipient(spelling.get(entry.getKey()), null, action, enhanced, null,
                    diagnostic, remoteHost(context)));
        }
        return recipients;
    }

    /**
     * Sendmail's "&lt;address&gt;... reply" line: the reply on the address's own line is about it,
     * whatever the lines after it say about others. Null when the line has no such reply.
     */
    private static String sameLineReply(String context, String address) {
        int end = context.indexOf('\n');
        String line = (end < 0 ? context : context.substring(0, end)).substring(address.length());
        Matcher reply = SAME_LINE_REPLY.matcher(line);
        return reply.find() ? collapse(reply.group(1)) : null;
    }

    /**
     * The remote server's last reply ("&lt;&lt;&lt; 550 ...") in the transcript before a position,
     * with the command it answered: what a Sendmail "Remote protocol error" was about. Empty when
     * there is none since the last "While talking to".
     */
    private static String lastReplyBefore(String explanation, int position) {
        String before = explanation.substring(0, position);
        int session = before.toLowerCase(Locale.ROOT).lastIndexOf("while talking to");
        int reply = before.lastIndexOf("<<<");
        if (reply < 0 || reply < session) {
            return "";
        }
        int command = before.lastIndexOf(">>>", reply);
        int from = command > session ? command : reply;
        int end = before.indexOf('\n', reply);
        return collapse(before.substring(from, end < 0 ? before.length() : end));
    }

    /** The SMTP reply in a text: from its code to the end of that paragraph, white space collapsed. */
    private static String diagnostic(String context) {
        int at = StatusCodes.basicAt(context);
        if (at < 0) {
            int enhanced = StatusCodes.enhancedAt(context);
            if (enhanced < 0) {
                return null;
            }
            at = context.lastIndexOf('\n', enhanced) + 1;
        }
        Matcher blank = Pattern.compile("\\n[ \\t]*\\r?\\n").matcher(context);
        int end = blank.find(at) ? blank.start() : context.length();
        return collapse(context.substring(at, end));
    }

    private static String firstWords(String text) {
        String collapsed = collapse(text.replaceFirst("^[>:\\s]+", ""));
        return collapsed.isEmpty() ? null : collapsed;
    }

    private static String collapse(String text) {
        String collapsed = text.replaceAll("\\s+", " ").strip();
        return collapsed.length() > MAX_DIAGNOSTIC ? collapsed.substring(0, MAX_DIAGNOSTIC) : collapsed;
    }

    private static String remoteHost(String context) {
        Matcher m = REMOTE_HOST.matcher(context);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    /** The address of a quoted original's To header when it names exactly one. */
    private static Optional<String> soleRecipient(OriginalMessage original) {
        List<String> to = original.headers().stream().filter(h -> h.name().equalsIgnoreCase("To"))
                .flatMap(h -> {
                    Matcher m = ADDRESS.matcher(h.value());
                    List<String> found = new ArrayList<>();
                    while (m.find()) {
                        found.add(m.group());
                    }
                    return found.stream();
                }).distinct().toList();
        return to.size() == 1 ? Optional.of(to.get(0)) : Optional.empty();
    }

    /** The first header block quoted after the explanation, as the original's headers. */
    private static OriginalMessage quotedHeaders(String quoted) {
        Matcher header = HEADER_LINE.matcher(quoted);
        if (!header.find()) {
            return OriginalMessage.NONE;
        }
        List<List<ReportFields.Field>> blocks = ReportFields.blocks(quoted.substring(header.start()));
        if (blocks.isEmpty()) {
            return OriginalMessage.NONE;
        }
        List<HeaderField> headers = blocks.get(0).stream().map(f -> new HeaderField(f.name(), f.value())).toList();
        String messageId = headers.stream().filter(h -> h.name().equalsIgnoreCase("Message-ID"))
                .map(h -> MessageStructureReader.messageId(h.value())).findFirst().orElse(null);
        return new OriginalMessage(messageId, headers);
    }
}
