package org.smtpeter.domains.control;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.control.AccountClosing;
import org.smtpeter.domains.entity.DkimAlgorithm;
import org.smtpeter.domains.entity.DkimKey;
import org.smtpeter.domains.entity.DomainPolicy;
import org.smtpeter.domains.entity.KeyState;
import org.smtpeter.domains.entity.SenderDomain;

/**
 * An account's sender domains and their keys: adding a domain makes its keys, a rotation
 * publishes new ones beside the active ones, and a DNS check verifies the domain and activates
 * the rotation's keys whose records it found. The REST API and the dashboard share it.
 */
@Stateless
public class SenderDomains {

    /** RFC 1035 host names in their ASCII (A-label) form, at least two labels. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final DateTimeFormatter SELECTOR_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    @PersistenceContext
    EntityManager em;

    @Inject
    KeyEncryption encryption;

    @Inject
    DnsCheck dns;

    @Inject
    DomainSettings settings;

    @Inject
    SigningKeys signingKeys;

    @Inject
    SenderHosts hosts;

    @Inject
    Clock clock;

    /**
     * @throws InvalidDomainException for a name that is not a domain or is already the account's
     */
    public SenderDomain add(long accountId, String name, Set<DkimAlgorithm> algorithms) {
        String domainName = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        if (domainName.endsWith(".")) {
            domainName = domainName.substring(0, domainName.length() - 1);
        }
        if (!DOMAIN.matcher(domainName).matches()) {
            throw new InvalidDomainException("not a domain name (use the ASCII form of an international name): " + name);
        }
        if (algorithms.isEmpty()) {
            throw new InvalidDomainException("at least one key algorithm: rsa, ed25519");
        }
        if (find(accountId, domainName).isPresent()) {
            throw new InvalidDomainException("the account already has the domain " + domainName);
        }
        Instant now = Instant.now(clock);
        SenderDomain domain = new SenderDomain(accountId, domainName, now);
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            if (algorithms.contains(algorithm)) {
                domain.add(newKey(domain, algorithm, KeyState.ACTIVE, now));
            }
        }
        em.persist(domain);
        signingKeys.forget(accountId);
        hosts.forget();
        return domain;
    }

    public List<SenderDomain> list(long accountId) {
        return em.createNamedQuery(SenderDomain.OF_ACCOUNT, SenderDomain.class).setParameter("account", accountId)
                .getResultList();
    }

    public Optional<SenderDomain> get(long accountId, long id) {
        return Optional.ofNullable(em.find(SenderDomain.class, id)).filter(d -> d.getAccountId() == accountId);
    }

    private Optional<SenderDomain> find(long accountId, String name) {
        return list(accountId).stream().filter(domain -> domain.getName().equals(name)).findFirst();
    }

    public boolean delete(long accountId, long id) {
        Optional<SenderDomain> domain = get(accountId, id);
        domain.ifPresent(em::remove);
        signingKeys.forget(accountId);
        hosts.forget();
        return domain.isPresent();
    }

    /**
     * New keys, one per algorithm the domain signs with, under a new selector each. They sign
     * once their records are found ({@link #check}) or they are {@link #activate activated}.
     */
    public SenderDomain rotate(long accountId, long id) {
        SenderDomain domain = get(accountId, id).orElseThrow(() -> new UnknownDomainException(id));
        Instant now = Instant.now(clock);
        domain.getKeys().stream().filter(key -> key.getState() == KeyState.PUBLISHED).toList()
                .forEach(domain.getKeys()::remove); // an earlier rotation that never went live
        domain.getKeys().stream().filter(key -> key.getState() == KeyState.ACTIVE).map(DkimKey::getAlgorithm)
                .distinct().toList()
                .forEach(algorithm -> domain.add(newKey(domain, algorithm, KeyState.PUBLISHED, now)));
        return domain;
    }

    /** A published key signs from now on; the active key of its algorithm retires. */
    public SenderDomain activate(long accountId, long id, String selector) {
        SenderDomain domain = get(accountId, id).orElseThrow(() -> new UnknownDomainException(id));
        DkimKey key = domain.getKeys().stream().filter(k -> k.getSelector().equals(selector)
                && k.getState() == KeyState.PUBLISHED).findFirst()
                .orElseThrow(() -> new InvalidDomainException("no published key with selector " + selector));
        activate(domain, key, Instant.now(clock));
        return domain;
    }

    /** Looks the domain's records up, records the result, and activates the published keys found in DNS. */
    public DomainCheck check(long accountId, long id) {
        SenderDomain domain = get(accountId, id).orElseThrow(() -> new UnknownDomainException(id));
        Instant now = Instant.now(clock);
        DomainCheck result = DomainCheck.of(domain, DnsRecord.of(domain, settings.relayHost(), settings.trackingHost())
                .stream().map(dns::check).toList());
        for (DkimKey key : List.copyOf(domain.getKeys())) {
            if (key.getState() == KeyState.PUBLISHED && result.found(key.getSelector())) {
                activate(domain, key, now);
            }
        }
        domain.checked(now, result.verified(), result.toJson());
        signingKeys.forget(accountId);
        return result;
    }

    /** Every domain's id with its account, for the periodic check. */
    public List<long[]> all() {
        return em.createNamedQuery(SenderDomain.ALL, SenderDomain.class).getResultStream()
                .map(domain -> new long[] {domain.getAccountId(), domain.getId()}).toList();
    }

    public boolean requiresVerified(long accountId) {
        DomainPolicy policy = em.find(DomainPolicy.class, accountId);
        return policy != null && policy.isRequireVerified();
    }

    public void requireVerified(long accountId, boolean required) {
        DomainPolicy policy = em.find(DomainPolicy.class, accountId);
        if (policy == null) {
            em.persist(new DomainPolicy(accountId, required));
        } else {
            policy.requireVerified(required);
        }
        signingKeys.forget(accountId);
    }

    /** A deleted account's domains and keys go with it. */
    public void accountClosing(@Observes AccountClosing closing) {
        list(closing.accountId()).forEach(em::remove);
        Optional.ofNullable(em.find(DomainPolicy.class, closing.accountId())).ifPresent(em::remove);
        signingKeys.forget(closing.accountId());
        hosts.forget();
    }

    private void activate(SenderDomain domain, DkimKey key, Instant now) {
        domain.getKeys().stream().filter(k -> k.getState() == KeyState.ACTIVE && k.getAlgorithm() == key.getAlgorithm())
                .forEach(DkimKey::retire);
        key.activate(now);
        signingKeys.forget(domain.getAccountId());
    }

    private static boolean selectorTaken(SenderDomain domain, String selector) {
        return domain.getKeys().stream().anyMatch(key -> key.getSelector().equals(selector));
    }

    private DkimKey newKey(SenderDomain domain, DkimAlgorithm algorithm, KeyState state, Instant now) {
        String base = "sp" + SELECTOR_TIME.format(now) + (algorithm == DkimAlgorithm.RSA ? "r" : "e");
        // A rotation in the same second as the domain's last key must not reuse its selector.
        String selector = base;
        for (int n = 2; selectorTaken(domain, selector); n++) {
            selector = base + n;
        }
        KeyPair pair = KeyPairs.generate(algorithm);
        String encrypted = encryption.encrypt(pair.getPrivate().getEncoded(), KeyContext.of(domain.getName(), selector));
        return new DkimKey(domain, selector, algorithm, KeyPairs.publicKeyTag(algorithm, pair.getPublic()), encrypted,
                state, now);
    }
}
