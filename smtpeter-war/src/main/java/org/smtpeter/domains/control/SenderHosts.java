package org.smtpeter.domains.control;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.platform.control.AfterCommit;
import org.smtpeter.platform.control.Changes;

/**
 * The sender domains' bounce and tracking hosts. Per message: those of the sending account's
 * domain that covers its From domain, by the rule of signing ({@link SigningKeys#covering}), as
 * far as DNS is ready for them ({@link DomainHosts}). And every host of every domain, for the
 * intake (mail to a bounce or unsubscribe address) and the tracking endpoints (which Host they
 * answer): all of them, ready or not, since a token is checked anyway. That set is read once
 * and kept for {@link SigningKeys#FRESH}: another instance's new domain is seen within that
 * time, this instance's at once.
 */
@ApplicationScoped
public class SenderHosts {

    @PersistenceContext
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SigningKeys domains;

    /** Real time: how old the known hosts are. */
    private final Clock clock = Clock.systemUTC();

    private volatile Known known;

    private final Changes changes = new Changes();

    private record Known(Instant loaded, long changesSeen, Set<String> bounceHosts, Set<String> trackingHosts) {
    }

    /**
     * The hosts of a message's copies, from its header section as the account sent it.
     *
     * @param accountId the sending account; null (the relay's own mail) uses the relay's hosts
     */
    public DomainHosts of(Long accountId, byte[] head) {
        if (accountId == null) {
            return DomainHosts.RELAYS;
        }
        return FromDomains.of(HeaderFields.parse(head)).flatMap(from -> domains.covering(accountId, from))
                .map(SigningKeys.Registered::hosts).orElse(DomainHosts.RELAYS);
    }

    /** Whether {@code host} is a sender domain's bounce host. */
    public boolean isBounceHost(String host) {
        return known().bounceHosts().contains(host.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code host} is a sender domain's tracking host. */
    public boolean isTrackingHost(String host) {
        return known().trackingHosts().contains(host.toLowerCase(Locale.ROOT));
    }

    /** After a domain was added or removed; again once its transaction has ended. */
    public void forget() {
        afterCommit.nowAndAfterCompletion(() -> {
            changes.changed();
            known = null;
        });
    }

    private Known known() {
        Instant now = clock.instant();
        Known current = known;
        if (current == null || current.loaded().plus(SigningKeys.FRESH).isBefore(now) || changes.since(current.changesSeen())) {
            current = load(now, changes.seen());
            known = current;
        }
        return current;
    }

    private Known load(Instant now, long changesSeen) {
        Set<String> bounce = new HashSet<>();
        Set<String> tracking = new HashSet<>();
        for (Object[] hosts : em.createQuery("SELECT d.bounceHost, d.trackingHost FROM SenderDomain d", Object[].class)
                .getResultList()) {
            bounce.add(((String) hosts[0]).toLowerCase(Locale.ROOT));
            tracking.add(((String) hosts[1]).toLowerCase(Locale.ROOT));
        }
        return new Known(now, changesSeen, Set.copyOf(bounce), Set.copyOf(tracking));
    }
}
