package org.smtpeter.domains.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SynchronizationType;

import org.smtpeter.domains.entity.DkimKey;
import org.smtpeter.domains.entity.DomainPolicy;
import org.smtpeter.domains.entity.KeyState;
import org.smtpeter.domains.entity.SenderDomain;
import org.smtpeter.platform.control.AfterCommit;
import org.smtpeter.platform.control.Changes;

/**
 * The keys a message is signed with, by its sending account and From domain (and the hosts its
 * copies use, {@link SenderHosts}): those of the
 * account's sender domain that is the From domain or the nearest parent of it (so
 * {@code news.example.com} is signed as {@code example.com} when only that is registered; there is
 * no public-suffix list, a domain is what an account registered). Each account's keys are read and
 * decrypted once and kept for {@link #FRESH}: another instance's change is seen within that time,
 * this instance's at once (also by a load that ran while it was committed, {@link Changes}).
 */
@ApplicationScoped
public class SigningKeys {

    static final Duration FRESH = Duration.ofSeconds(30);

    /**
     * Each load reads through a persistence context of its own: the caller's may hold an account's
     * rows as they were before a change that has committed since (a delivery's transaction that
     * loaded them for its first message), and a load after that change must not cache them again.
     */
    @PersistenceUnit
    EntityManagerFactory persistence;

    @Inject
    AfterCommit afterCommit;

    @Inject
    KeyEncryption encryption;

    /** Real time: how old a cached entry is. */
    private final Clock clock = Clock.systemUTC();

    private final Map<Long, AccountDomains> cache = new ConcurrentHashMap<>();

    private final Changes changes = new Changes();

    /** One registered domain: whether it is verified, its active keys ready to sign, and the hosts its mail uses. */
    public record Registered(String name, boolean verified, List<SigningKey> keys, DomainHosts hosts) {
    }

    private record AccountDomains(Instant loaded, long changesSeen, Map<String, Registered> byName, boolean requireVerified) {
    }

    /** The account's domain that covers {@code fromDomain}: itself or its nearest registered parent. */
    public Optional<Registered> covering(long accountId, String fromDomain) {
        Map<String, Registered> domains = domains(accountId);
        String candidate = fromDomain.toLowerCase(Locale.ROOT);
        while (candidate.contains(".")) {
            Registered registered = domains.get(candidate);
            if (registered != null) {
                return Optional.of(registered);
            }
            candidate = candidate.substring(candidate.indexOf('.') + 1);
        }
        return Optional.empty();
    }

    /** Whether the account sends only from its verified domains. */
    public boolean requiresVerified(long accountId) {
        return account(accountId).requireVerified();
    }

    /** After a change of this account's domains or keys; again once its transaction has ended. */
    public void forget(long accountId) {
        afterCommit.nowAndAfterCompletion(() -> {
            changes.changed();
            cache.remove(accountId);
        });
    }

    private Map<String, Registered> domains(long accountId) {
        return account(accountId).byName();
    }

    private AccountDomains account(long accountId) {
        Instant now = clock.instant();
        AccountDomains cached = cache.get(accountId);
        if (cached == null || cached.loaded().plus(FRESH).isBefore(now) || changes.since(cached.changesSeen())) {
            long seen = changes.seen();
            EntityManager em = persistence.createEntityManager(SynchronizationType.UNSYNCHRONIZED);
            try {
                DomainPolicy policy = em.find(DomainPolicy.class, accountId);
                cached = new AccountDomains(now, seen, load(em, accountId), policy != null && policy.isRequireVerified());
            } finally {
                em.close();
            }
            cache.put(accountId, cached);
        }
        return cached;
    }

    private Map<String, Registered> load(EntityManager em, long accountId) {
        List<SenderDomain> domains = em.createNamedQuery(SenderDomain.OF_ACCOUNT, SenderDomain.class)
                .setParameter("account", accountId).getResultList();
        List<DkimKey> active = em.createQuery("SELECT k FROM DkimKey k JOIN FETCH k.domain d"
                        + " WHERE d.accountId = :account AND k.state = :active ORDER BY k.id", DkimKey.class)
                .setParameter("account", accountId).setParameter("active", KeyState.ACTIVE).getResultList();
        Map<String, Registered> byName = new HashMap<>();
        for (SenderDomain domain : domains) {
            List<SigningKey> keys = new ArrayList<>();
            for (DkimKey key : active) {
                if (key.getDomain().getId().equals(domain.getId())) {
                    byte[] pkcs8 = encryption.decrypt(key.getEncryptedPrivateKey(), KeyContext.of(domain.getName(), key.getSelector()));
                    keys.add(new SigningKey(domain.getName(), key.getSelector(), key.getAlgorithm(),
                            KeyPairs.privateKey(key.getAlgorithm(), pkcs8)));
                }
            }
            keys.sort(java.util.Comparator.comparing(SigningKey::algorithm)); // RSA's signature on top
            byName.put(domain.getName(), new Registered(domain.getName(), domain.isVerified(), List.copyOf(keys),
                    DomainHosts.of(domain)));
        }
        return byName;
    }
}
