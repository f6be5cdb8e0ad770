package org.smtpeter.users.control;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.users.entity.DashboardUser;

/**
 * On the first start (no dashboard user at all), creates the administrator {@code admin} and
 * prints its generated password once, as {@code DevAccount} does for the first SMTP credential.
 * {@code smtpeter.dashboard.initial-admin.password} sets the password instead (it is then not
 * printed); {@code smtpeter.dashboard.initial-admin.enabled=false} creates nobody.
 */
@Singleton
@Startup
public class InitialAdmin {

    public static final String USERNAME = "admin";
    static final String BANNER = "==================== SMTPeter dashboard administrator ====================";

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 20; // about 116 bits

    @Inject
    DashboardUsers users;

    @Inject
    @ConfigProperty(name = "smtpeter.dashboard.initial-admin.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "smtpeter.dashboard.initial-admin.password")
    Optional<String> configuredPassword;

    // Not in a transaction of its own: the user is created and committed inside DashboardUsers, so
    // a second instance racing on the same empty database fails there, where it can be caught.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void createOnFirstStart() {
        if (!enabled || !users.isEmpty()) {
            return;
        }
        boolean generated = configuredPassword.filter(p -> !p.isBlank()).isEmpty();
        char[] password = generated ? generatePassword() : configuredPassword.get().toCharArray();
        try {
            users.create(USERNAME, password, DashboardUser.ADMIN);
            printOnce(generated ? new String(password) : "(as set in smtpeter.dashboard.initial-admin.password)");
        } catch (EJBException e) {
            LOG.log(Level.INFO, "The first dashboard user was not created here; another instance may have done it", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    // Printed once, by design: this is the only moment the generated password exists in clear.
    private void printOnce(String password) {
        LOG.warning(() -> String.join(System.lineSeparator(), "",
                BANNER,
                "  Dashboard:  /dashboard/ on the HTTP port (http://localhost:8080/dashboard/ with mvn -Prun package)",
                "  User:       " + USERNAME,
                "  Password:   " + password,
                "  Shown once. Change it on the dashboard's Password page.",
                "=========================================================================="));
    }

    private static char[] generatePassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }
}
