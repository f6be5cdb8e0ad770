package org.smtpeter.bounces.control;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a From header belongs to a mail system (MAILER-DAEMON, postmaster, "Mail Delivery
 * Subsystem") rather than a person: bounces come from these, human replies do not.
 */
final class MailSystemSenders {

    private static final Pattern LOCAL_PART = Pattern.compile(
            "mailer-?daemon|mail-?daemon|post[_-]?master|mdaemon|bounces?|no-?reply|do-?not-?reply|auto-?reply|autoresponder|root");
    private static final Pattern DISPLAY_NAME = Pattern.compile(
            "mail\\s+delivery|mailer-daemon|mail\\s+administrator|postmaster|system\\s+administrator|mail\\s+system",
            Pattern.CASE_INSENSITIVE);

    private MailSystemSenders() {
    }

    /** True when the address or display name is a mail system's. Null address and name: false. */
    static boolean isMailSystem(String address, String displayName) {
        if (address != null) {
            int at = address.indexOf('@');
            String local = (at >= 0 ? address.substring(0, at) : address).toLowerCase(Locale.ROOT);
            if (LOCAL_PART.matcher(local).matches()) {
                return true;
            }
        }
        return displayName != null && DISPLAY_NAME.matcher(displayName).find();
    }
}
