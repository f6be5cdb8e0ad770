package org.smtpeter.bounces.control;

import java.util.List;
import java.util.regex.Pattern;

import org.smtpeter.bounces.control.Classification.Category;

/**
 * Reason categories from the words of a diagnostic ("user unknown", "mailbox full", "blocked",
 * ...), for when the status code is missing or too generic to say why. The rules are tried in
 * order; the first that matches wins, so the more specific ones come first (a relay denial before
 * a generic "denied", a full mailbox before "temporarily").
 */
final class DiagnosticPhrases {

    private record Rule(Category category, boolean weak, Pattern pattern) {
    }

    private static Rule rule(Category category, String regex) {
        return new Rule(category, false, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static Rule weak(Category category, String regex) {
        return new Rule(category, true, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static final Pattern RELAY_OR_AUTH = Pattern.compile(
            "relay(?:ing)?\\s+(?:access\\s+)?(?:is\\s+)?(?:denied|not\\s+(?:permitted|allowed))|not\\s+permitted\\s+to\\s+relay"
                    + "|unable\\s+to\\s+relay|we\\s+do\\s+not\\s+relay|relaying\\s+disallowed|\\bno\\s+relaying\\b"
                    + "|\\bauthentication\\s+(?:is\\s+)?required\\b|\\bAuthRequired\\b|\\bmust\\s+authenticate\\b",
            Pattern.CASE_INSENSITIVE);

    /** Rate limits and greylisting: temporary by nature, even when the text also mentions spam. */
    private static final Pattern RATE_OR_GREYLIST = Pattern.compile(
            "gr[ae]y-?list|rate[- ]limit|too\\s+many\\s+(?:connections|messages|recipients)|throttl|try\\s+again\\s+later",
            Pattern.CASE_INSENSITIVE);

    private static final List<Rule> RULES = List.of(
            rule(Category.RELAY_DENIED, RELAY_OR_AUTH.pattern()),
            rule(Category.MAILBOX_FULL, "mail\\s?box\\s+(?:is\\s+)?full|inbox\\s+is\\s+full|quota\\s+exceeded|over\\s?quota"
                    + "|exceed(?:s|ed)?\\s+(?:the\\s+|his\\s+|her\\s+|their\\s+|its\\s+)?(?:storage|quota|mailbox\\s+size)"
                    + "|out\\s+of\\s+storage|(?:insufficient|not\\s+enough)\\s+(?:disk\\s+|storage\\s+)?(?:space|storage)"
                    + "|mailbox\\s+size\\s+limit|disk\\s+quota|storage\\s+(?:space\\s+)?(?:is\\s+)?full|postfach\\s+(?:ist\\s+)?voll"
                    + "|bo[iî]te\\s+(?:aux\\s+lettres\\s+)?pleine"),
            rule(Category.MESSAGE_TOO_LARGE, "message\\s+(?:is\\s+)?too\\s+(?:big|large)|message\\s+size\\s+exceeds"
                    + "|exceeds\\s+(?:the\\s+)?(?:maximum\\s+|fixed\\s+)?(?:message\\s+)?size|message\\s+length\\s+exceeds"),
            rule(Category.MAILBOX_DISABLED, "(?:account|mailbox|user|address)\\s+(?:has\\s+been\\s+|is\\s+)?"
                    + "(?:disabled|deactivated|suspended|closed|inactive|expired|frozen)"
                    + "|(?:disabled|deactivated|inactive|suspended)\\s+(?:account|mailbox|user)"
                    + "|\\bis\\s+(?:disabled|deactivated|suspended|inactive)\\b|no\\s+longer\\s+(?:active|in\\s+use|available|valid)"),
            rule(Category.BAD_DOMAIN, "host\\s+(?:or\\s+domain\\s+name\\s+)?not\\s+found|domain\\s+(?:name\\s+)?not\\s+found"
                    + "|domain\\b[^.\\n]{0,40}(?:does\\s+not|doesn't)\\s+exist|name\\s+service\\s+error"
                    + "|no\\s+(?:mx|mail\\s+exchanger|mail\\s+server)\\b|unroute?able|\\bnxdomain\\b|host\\s+unknown|unknown\\s+host"
                    + "|(?:invalid|unknown|bad)\\s+(?:domain|host)\\b|null\\s+mx|domain\\s+(?:is\\s+)?(?:invalid|unknown)"),
            rule(Category.UNKNOWN_USER, "user\\s+unknown|unknown\\s+user|no\\s+such\\s+(?:user|mailbox|recipient|address|account|person|local\\s+user)"
                    + "|(?:does\\s+not|doesn't|did\\s+not)\\s+exist|unknown\\s+(?:recipient|mailbox|address|local[- ]part|alias)"
                    + "|recipient\\s+(?:address\\s+)?(?:unknown|not\\s+found|invalid)|(?:mailbox|address|recipient|user)\\s+not\\s+found"
                    + "|(?:couldn't|could\\s+not|can't|cannot)\\s+be\\s+found|no\\s+mailbox\\s+here\\s+by\\s+that\\s+name"
                    + "|RecipientNotFound|not\\s+our\\s+customer|doesn't\\s+have\\s+an?\\s+\\S+\\s+account"
                    + "|invalid\\s+(?:recipient|mailbox|address|user)|not\\s+a\\s+valid\\s+(?:mailbox|user|recipient|address)"
                    + "|bad\\s+destination\\s+mailbox|nicht\\s+gefunden|unbekannt|n'existe\\s+pas|introuvable"),
            rule(Category.SPAM_REJECTED, "spam|blocked|block\\s?list|black\\s?list|\\brbl\\b|dnsbl|reputation|\\bjunk\\b"
                    + "|unsolicited|bulk\\s+mail|content\\s+(?:was\\s+)?rejected|message\\s+content|listed\\s+(?:at|on|in|by)"
                    + "|virus|malware|phish"),
            rule(Category.POLICY, "policy|not\\s+authori[sz]ed|\\bdmarc\\b|\\bspf\\b|\\bdkim\\b|administrative\\s+prohibition"
                    + "|prohibited|denied|refused|not\\s+allowed|unauthenticated"),
            rule(Category.TEMPORARY, RATE_OR_GREYLIST.pattern() + "|try\\s+again|temporar|deferr|timed?\\s?out"
                    + "|connection\\s+(?:refused|reset|lost)|no\\s+route\\s+to\\s+host"),
            // RFC 5321's standard text for 550; usually a missing mailbox, but says little.
            weak(Category.UNKNOWN_USER, "mailbox\\s+(?:unavailable|not\\s+available)|recipient\\s+rejected"));

    private DiagnosticPhrases() {
    }

    /** The category the text points to, or null when no rule matches. */
    static Category category(String text) {
        return match(text, true);
    }

    /** Like {@link #category(String)}, without the weak rules (for overriding a status code). */
    static Category strongCategory(String text) {
        return match(text, false);
    }

    /** True when the receiving system refuses to relay for us or wants authentication. */
    static boolean isRelayOrAuthRejection(String text) {
        return text != null && RELAY_OR_AUTH.matcher(text).find();
    }

    /** True for rate limiting and greylisting wording. */
    static boolean isRateLimitOrGreylist(String text) {
        return text != null && RATE_OR_GREYLIST.matcher(text).find();
    }

    private static Category match(String text, boolean includeWeak) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (Rule rule : RULES) {
            if ((includeWeak || !rule.weak()) && rule.pattern().matcher(text).find()) {
                return rule.category();
            }
        }
        return null;
    }
}
