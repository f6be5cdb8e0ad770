package org.smtpeter.rest.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token that guards the REST API, from {@code smtpeter.admin.token}. Without one,
 * a random token is generated for this run and printed, so a development server is never open.
 */
@Singleton
@Startup
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class.getName());

    @Inject
    @ConfigProperty(name = "smtpeter.admin.token")
    Optional<String> configured;

    private byte[] token;

    @PostConstruct
    void load() {
        String value = configured.filter(t -> !t.isBlank()).orElseGet(AdminToken::generate);
        token = value.getBytes(StandardCharsets.UTF_8);
        if (configured.filter(t -> !t.isBlank()).isEmpty()) {
            LOG.warning(() -> "No smtpeter.admin.token configured; the REST API token for this run is: " + value);
        }
    }

    /** Compares in constant time. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String generate() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
