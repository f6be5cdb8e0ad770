package org.smtpeter.credentials.control;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.FeatureSet;

/**
 * On the very first start (no account at all), creates a "dev" account with one SMTP
 * credential and prints the credential once, so a newcomer can send mail right away.
 * Switch off with {@code smtpeter.dev-account.enabled=false} in production.
 */
@Singleton
@Startup
public class DevAccount {

    private static final Logger LOG = Logger.getLogger(DevAccount.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    @ConfigProperty(name = "smtpeter.dev-account.enabled", defaultValue = "true")
    boolean enabled;

    @PostConstruct
    void createOnFirstStart() {
        if (!enabled || !accounts.isEmpty()) {
            return;
        }
        Account account = accounts.create("dev");
        NewCredential created = accounts.createCredential(account, "created on first start", FeatureSet.defaults());
        // Printed once, by design: this is the only moment the password exists in clear.
        LOG.warning(() -> String.join(System.lineSeparator(), "",
                "==================== SMTPeter development credential ====================",
                "  SMTP user:     " + created.credential().getUsername(),
                "  SMTP password: " + created.password(),
                "  Shown once. Submit on port 2587 (STARTTLS) or 2465 (TLS) with AUTH PLAIN or LOGIN.",
                "========================================================================"));
    }
}
