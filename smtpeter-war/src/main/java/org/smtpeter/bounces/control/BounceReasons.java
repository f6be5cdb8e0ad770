package org.smtpeter.bounces.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.smtpeter.bounces.control.ReportedRecipient.Action;

/**
 * Why one recipient failed, in Sisimai's reason vocabulary (userunknown, hostunknown, hasmoved,
 * mailboxfull, filtered, blocked, spamdetected, policyviolation, rejected, expired, suspend, ...),
 * and whether that makes the address permanently bad. The phrase and status tables are data, in
 * {@code bounce-reasons.tsv} beside this class.
 *
 * <p>Order: an enhanced code that names the recipient's own state (x.1.1 no such user, x.1.2 no
 * such domain, x.1.6 moved, x.2.2 full, x.3.4 too big) wins; then the wording; then the code
 * table; a delay without telling words is {@code expired}. A refusal of the recipient that came
 * only after DATA is {@code filtered} (the address was accepted at RCPT), and one at MAIL FROM is
 * about the sender, {@code rejected}.
 */
final class BounceReasons {

    /** Reasons that say the address itself is gone: the only hard bounces (with a permanent notaccept). */
    private static final Set<String> HARD = Set.of("userunknown", "hostunknown", "hasmoved");
    private static final Set<String> GAVE_UP_AFTER = Set.of("onhold");
    private static final Pattern NETWORK_NAMED = Pattern.compile(
            "dns|lost\\s+connection|name\\s+server|unreachable|no\\s+route|establish\\s+an?\\s+smtp\\s+connection|loop|hops?\\b|forwarded\\s+more", Pattern.CASE_INSENSITIVE);
    private static final Set<String> RECIPIENT_CODES = Set.of("1.1", "1.2", "1.6", "2.2", "2.3", "3.4");
    /** Reasons that, refused before any recipient was named (at connection or HELO), say nothing about the recipient. */
    private static final Set<String> AT_SENDER = Set.of("userunknown", "hostunknown", "mailboxfull", "policyviolation", "undefined", "onhold");

    /** Tier 0 outweighs the status code, 1 is tried before the code table, 2 after it. */
    private record Phrase(String reason, int tier, Pattern pattern) {
    }

    private static final List<Phrase> PHRASES = new ArrayList<>();
    private static final Map<String, String> STATUSES = new HashMap<>();

    static {
        load();
    }

    private BounceReasons() {
    }

    /**
     * The reason for one recipient.
     *
     * @param action   what the report says happened (null counts as failed)
     * @param status   the effective enhanced status code, or null
     * @param basic    the basic SMTP reply code, or null
     * @param text     the diagnostic or SMTP reply, may be empty
     * @param command  the SMTP step the refusal came at, or null when unknown
     */
    static String reason(Action action, String status, Integer basic, String text, SmtpCommands.Command command) {
        if (action == Action.DELIVERED || action == Action.RELAYED || action == Action.EXPANDED) {
            return "delivered";
        }
        String reason = override(text);
        boolean named = reason != null;
        if (reason == null && status != null && RECIPIENT_CODES.contains(status.substring(2))) {
            reason = STATUSES.get(status.charAt(0) == '4' && !STATUSES.containsKey(status) ? "5" + status.substring(1) : status);
        }
        if (reason == null) {
            reason = phrase(text);
        }
        if (reason == null && status != null) {
            reason = STATUSES.get(status);
            if (reason == null && status.startsWith("4.")) {
                reason = STATUSES.get("5" + status.substring(1));
            }
        }
        if (reason == null) {
            reason = tier(text, 2);
        }
        // A message given up after temporary failures, or still waiting: the trouble on the way is
        // not the reason, unless it is one the network itself names (DNS, a lost connection), a
        // block of the sending host, or a wording that outweighs the codes.
        // A 5xx reply in the diagnostic is a refusal, whatever the Status field says.
        boolean temporary = action == Action.DELAYED
                || status != null && status.startsWith("4.") && (basic == null || basic / 100 != 5);
        if (temporary && !named && (reason == null || GAVE_UP_AFTER.contains(reason)
                || "networkerror".equals(reason) && !NETWORK_NAMED.matcher(text).find())) {
            // A failure whose only words are a bare temporary reply ("450 4.0.0 Temporary failure")
            // says neither why nor that time ran out: undecided.
            reason = reason == null && action == Action.FAILED && basic != null && StatusCodes.isGeneric(status)
                    ? "onhold" : "expired";
        }
        if (reason == null) {
            // Words or codes the tables do not read: undecided (onhold); nothing said: undefined.
            reason = action == Action.DELAYED ? "expired"
                    : status != null && !StatusCodes.isGeneric(status) || basic != null || !text.isBlank() ? "onhold" : "undefined";
        }
        SmtpCommands.Command step = SmtpCommands.first(text) != null ? SmtpCommands.first(text) : command;
        boolean recipientCode = status != null && status.substring(1).startsWith(".1.");
        if (step == SmtpCommands.Command.DATA && "userunknown".equals(reason) && !recipientCode && override(text) == null) {
            return "filtered";
        }
        if (step == SmtpCommands.Command.RCPT && "filtered".equals(reason)) {
            return "userunknown";
        }
        if (step == SmtpCommands.Command.MAIL && Set.of("userunknown", "hostunknown", "policyviolation").contains(reason)) {
            return "rejected";
        }
        if ((step == SmtpCommands.Command.HELO || step == SmtpCommands.Command.CONNECT) && AT_SENDER.contains(reason)) {
            return "blocked";
        }
        return reason;
    }

    /** The reason the wording points to, or null. */
    static String phrase(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (Phrase phrase : PHRASES) {
            if (phrase.tier() == 1 && phrase.pattern().matcher(text).find()) {
                return phrase.reason();
            }
        }
        return null;
    }

    /** The reason of wording that outweighs the status code, or null. */
    private static String override(String text) {
        return tier(text, 0);
    }

    private static String tier(String text, int tier) {
        return text == null ? null : PHRASES.stream().filter(p -> p.tier() == tier && p.pattern().matcher(text).find())
                .map(Phrase::reason).findFirst().orElse(null);
    }

    /** Sisimai's hard bounce: the address is gone (a domain that takes no mail, unless only for now). */
    static boolean isHard(String reason, Action action, int statusClass) {
        if (action == Action.DELAYED) {
            return false;
        }
        return HARD.contains(reason) || ("notaccept".equals(reason) && statusClass != 4);
    }

    private static void load() {
        try (InputStream in = BounceReasons.class.getResourceAsStream("bounce-reasons.tsv")) {
            if (in == null) {
                throw new IllegalStateException("bounce-reasons.tsv is missing");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                int tier = List.of("override", "phrase", "weak").indexOf(cells[0]);
                if (tier >= 0) {
                    PHRASES.add(new Phrase(cells[1], tier, Pattern.compile(cells[2],
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE)));
                } else if ("status".equals(cells[0])) {
                    STATUSES.put(cells[1], cells[2]);
                } else {
                    throw new IllegalStateException("bounce-reasons.tsv: unknown row " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
