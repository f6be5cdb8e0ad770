package org.smtpeter.audit.control;

import java.util.Locale;
import java.util.regex.Pattern;

import org.smtpeter.audit.entity.AuditEntry;

/**
 * The actions the log records: {@code <thing>.<what happened>}, lower case. They are an API (the
 * log is filtered by their prefix, e.g. {@code credential.}), so a code once written never changes.
 */
public final class AuditActions {

    public static final String ACCOUNT_CREATED = "account.created";
    public static final String ACCOUNT_DELETED = "account.deleted";

    public static final String CREDENTIAL_CREATED = "credential.created";
    public static final String CREDENTIAL_ROTATED = "credential.rotated";
    public static final String CREDENTIAL_DISABLED = "credential.disabled";
    public static final String CREDENTIAL_ENABLED = "credential.enabled";
    public static final String CREDENTIAL_FEATURES_CHANGED = "credential.features-changed";
    public static final String CREDENTIAL_DELETED = "credential.deleted";

    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_REVOKED = "token.revoked";

    public static final String DOMAIN_ADDED = "domain.added";
    public static final String DOMAIN_REMOVED = "domain.removed";
    public static final String DOMAIN_KEY_ROTATED = "domain.key-rotated";
    public static final String DOMAIN_KEY_ACTIVATED = "domain.key-activated";
    public static final String DOMAIN_POLICY_CHANGED = "domain.policy-changed";

    public static final String WEBHOOK_CREATED = "webhook.created";
    public static final String WEBHOOK_CHANGED = "webhook.changed";
    public static final String WEBHOOK_SECRET_ROTATED = "webhook.secret-rotated";
    public static final String WEBHOOK_DELETED = "webhook.deleted";

    public static final String SUPPRESSION_ADDED = "suppression.added";
    public static final String SUPPRESSION_REMOVED = "suppression.removed";

    public static final String USER_INVITED = "user.invited";
    public static final String USER_DISABLED = "user.disabled";
    public static final String USER_REMOVED = "user.removed";
    public static final String USER_ENABLED = "user.enabled";
    public static final String USER_ROLE_CHANGED = "user.role-changed";
    public static final String USER_JOINED = "user.joined";
    public static final String USER_PASSWORD_RESET = "user.password-reset";
    public static final String USER_TWO_FACTOR_ON = "user.two-factor-on";
    public static final String USER_TWO_FACTOR_OFF = "user.two-factor-off";
    public static final String ACCOUNT_TWO_FACTOR_RULE = "account.two-factor-rule";

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    /** What a prefix of a code may hold; no LIKE wildcard among it, so it needs no escaping. */
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9.-]{1,64}");

    private AuditActions() {
    }

    /** @throws IllegalArgumentException for anything that is not {@code <thing>.<what happened>} */
    public static String check(String action) {
        if (action == null || action.length() > AuditEntry.ACTION_LENGTH || !CODE.matcher(action).matches()) {
            throw new IllegalArgumentException("not an audit action code such as credential.created: " + action);
        }
        return action;
    }

    /**
     * A filter as a user types it: {@code credential} or {@code credential.} both mean every
     * credential action.
     *
     * @return null (no filter) for blank
     * @throws IllegalArgumentException for a filter no code can start with
     */
    public static String prefix(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        String prefix = filter.strip().toLowerCase(Locale.ROOT);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("an action filter is the start of a code such as credential.created");
        }
        return prefix;
    }
}
