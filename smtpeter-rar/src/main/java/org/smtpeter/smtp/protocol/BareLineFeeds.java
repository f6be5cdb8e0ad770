package org.smtpeter.smtp.protocol;

import java.util.Locale;

/**
 * What the relay does with a line that ends in a bare LF, or holds a CR that no LF follows, as
 * Postfix's {@code smtpd_forbid_bare_newline} (the setting {@code smtpeter.limits.bare-line-feeds}).
 * Either way only {@code <CRLF>.<CRLF>} ends message data, so nothing can be smuggled.
 */
public enum BareLineFeeds {

    /**
     * Postfix 3.9's default: a bare LF ends a line as CRLF would, a stray CR becomes a space
     * (Postfix's {@code cleanup_replace_stray_cr_lf}); commands may end in a bare LF too.
     */
    NORMALIZE,

    /** Strict: a message with a bare LF or stray CR is refused after its end; commands need CRLF. */
    REJECT;

    public static final String KEY = "smtpeter.limits.bare-line-feeds";

    /** @throws IllegalArgumentException naming the key and the values allowed */
    public static BareLineFeeds parse(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        for (BareLineFeeds policy : values()) {
            if (policy.name().equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException(KEY + " must be normalize or reject: " + value);
    }
}
