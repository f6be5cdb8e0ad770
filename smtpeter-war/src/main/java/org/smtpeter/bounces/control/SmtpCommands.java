package org.smtpeter.bounces.control;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At which step of the SMTP conversation a receiver refused, as bounces tell it ("in reply to end
 * of DATA command", "&gt;&gt;&gt; RCPT To:", "SMTP error from remote mail server after MAIL
 * FROM", m-FILTER's "SMTP command" line, qmail's "but my name was rejected"). A refusal of the recipient only after DATA means the
 * address was accepted and the content was refused; one at MAIL FROM is about the sender.
 */
final class SmtpCommands {

    /** The step, or null when the text does not say. */
    enum Command {
        CONNECT, HELO, MAIL, RCPT, DATA
    }

    private static final Pattern COMMAND = Pattern.compile(
            "in\\s+reply\\s+to\\s+(?:end\\s+of\\s+)?(data|rcpt\\s+to|mail\\s+from|ehlo|helo)\\b"
                    + "|>>>\\s*(data|rcpt\\s+to|mail\\s+from|ehlo|helo)\\b"
                    + "|\\bafter\\s+(?:end\\s+of\\s+)?(data|rcpt\\s+to|mail\\s+from|ehlo|helo|initial\\s+connection)\\b"
                    + "|smtp\\s+command\\s*[:\\n]\\s*(data|rcpt|mail|ehlo|helo)\\b"
                    + "|\\b(data|rcpt\\s+to|mail\\s+from)\\s+command\\b"
                    + "|\\bsmtp:(rcpt|data|mail)\\b"
                    + "|\\bsaid\\s+\\d{3}\\s+for\\s+(rcpt\\s+to|data|mail\\s+from)\\s+response\\b"
                    // qmail: "Connected to 192.0.2.1 but my name was rejected." (the HELO name)
                    + "|\\bbut\\s+my\\s+(name)\\s+was\\s+rejected\\b",
            Pattern.CASE_INSENSITIVE);
    private static final int WINDOW = 800;

    private SmtpCommands() {
    }

    /**
     * The step named nearest after the recipient's mention in the text (within a short window),
     * else the only step the text names at all.
     */
    static Command near(String text, String address) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (address != null) {
            int at = text.toLowerCase(Locale.ROOT).indexOf(address.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                Command command = first(text.substring(at, Math.min(text.length(), at + WINDOW)));
                if (command != null) {
                    return command;
                }
            }
        }
        return only(text);
    }

    /** The first step named in a text, or null. */
    static Command first(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = COMMAND.matcher(text);
        return m.find() ? command(m) : null;
    }

    private static Command only(String text) {
        Matcher m = COMMAND.matcher(text);
        Command found = null;
        while (m.find()) {
            Command command = command(m);
            if (found != null && found != command) {
                return null;
            }
            found = command;
        }
        return found;
    }

    private static Command command(Matcher m) {
        String word = null;
        for (int g = 1; g <= m.groupCount() && word == null; g++) {
            word = m.group(g);
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data")) {
            return Command.DATA;
        }
        if (lower.startsWith("rcpt")) {
            return Command.RCPT;
        }
        if (lower.startsWith("mail")) {
            return Command.MAIL;
        }
        return lower.startsWith("initial") ? Command.CONNECT : Command.HELO;
    }
}
