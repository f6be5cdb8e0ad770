package org.smtpeter.domains.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * For an account that sends only from verified domains: whether a message's From domain is
 * covered by one of its verified sender domains (the domain itself or a parent, as for signing).
 * Accounts without that rule are never asked for their header section.
 */
@ApplicationScoped
public class FromDomainPolicy {

    @PersistenceContext
    EntityManager em;

    @Inject
    SigningKeys domains;

    /** A credential never changes its account; deleted ones simply stop being asked for. */
    private final Map<String, Long> accountOfCredential = new ConcurrentHashMap<>();

    /**
     * Why the message must be refused, naming the domain; empty to take it.
     *
     * @param head reads the header section of the message, when needed
     */
    public Optional<String> refusal(String credentialUsername, Supplier<byte[]> head) {
        Long accountId = account(credentialUsername);
        if (accountId == null || !domains.requiresVerified(accountId)) {
            return Optional.empty();
        }
        Optional<String> from = FromDomains.of(HeaderFields.parse(head.get()));
        if (from.isEmpty()) {
            return Optional.of("Message has no From address with a domain; this account sends only from verified domains");
        }
        String domain = from.get();
        return domains.covering(accountId, domain).filter(SigningKeys.Registered::verified).isPresent() ? Optional.empty()
                : Optional.of("From domain " + domain + " is not a verified sender domain of this account");
    }

    private Long account(String username) {
        Long known = accountOfCredential.get(username);
        if (known != null) {
            return known;
        }
        Long found = em.createQuery("SELECT c.account.id FROM SmtpCredential c WHERE c.username = :username", Long.class)
                .setParameter("username", username).getResultStream().findFirst().orElse(null);
        if (found != null) {
            accountOfCredential.put(username, found);
        }
        return found;
    }
}
