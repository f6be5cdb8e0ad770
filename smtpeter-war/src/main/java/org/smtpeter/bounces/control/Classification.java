package org.smtpeter.bounces.control;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one reported recipient means for the sender.
 *
 * @param hardness {@link Hardness#HARD} (permanent, suppress), {@link Hardness#SOFT} (may work
 *                 later) or {@link Hardness#NONE} (not a failure: delayed, delivered, relayed)
 * @param status   the effective enhanced status code: the report's Status, refined by a more
 *                 specific code of the same class in the diagnostic when the Status is generic
 *                 ({@code X.0.0}); when only a basic SMTP code is known, its class with
 *                 {@code .0.0} ({@code 550} gives {@code 5.0.0}); null when no code is known
 * @param category the short reason (SMTPeter's coarse categories)
 * @param reason   why, in Sisimai's reason vocabulary (userunknown, mailboxfull, blocked, ...);
 *                 {@link Hardness#HARD} exactly where this says the address is permanently bad
 */
public record Classification(Hardness hardness, String status, Category category, String reason) {

    public enum Hardness {
        HARD, SOFT, NONE
    }

    /** Short reason categories; {@link #code()} is the stable lower-case name for logs and APIs. */
    public enum Category {
        UNKNOWN_USER("unknown-user"),
        MAILBOX_DISABLED("mailbox-disabled"),
        BAD_DOMAIN("bad-domain"),
        MAILBOX_FULL("mailbox-full"),
        /** The message is bigger than the receiver accepts: the sender's to fix, not the address. */
        MESSAGE_TOO_LARGE("message-too-large"),
        SPAM_REJECTED("spam-rejected"),
        POLICY("policy"),
        /** The receiving system refuses to relay or requires authentication for this address. */
        RELAY_DENIED("relay-denied"),
        TEMPORARY("temporary"),
        OTHER("other"),
        /** Not a failure (success codes), nothing to explain. */
        NONE("none");

        private final String code;

        Category(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The category with this {@link #code()}. */
        public static Category ofCode(String code) {
            return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No category " + code));
        }
    }

    public Classification {
        Objects.requireNonNull(hardness, "hardness");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
    }

    /** True for a hard or soft failure, false for a recipient that was not refused. */
    public boolean isFailure() {
        return hardness != Hardness.NONE;
    }
}
