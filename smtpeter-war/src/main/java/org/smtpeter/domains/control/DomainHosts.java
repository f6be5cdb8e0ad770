package org.smtpeter.domains.control;

import java.util.Optional;

import org.smtpeter.domains.entity.SenderDomain;

/**
 * The hosts of a sender domain that its mail uses instead of the relay's: the bounce host for VERP
 * envelope senders (so that SPF aligns with the From domain under DMARC) and the tracking host for
 * links. Each only once the last DNS check found what it needs: a receiver refuses an envelope
 * sender whose domain has no MX (and Gmail wants SPF to pass for bulk mail), and a link to a host
 * that does not resolve is dead. Until then the relay's own host serves, as before the domain.
 *
 * @param bounceHost   when the bounce host's SPF and MX records were found
 * @param trackingHost when the tracking host's CNAME was found
 */
public record DomainHosts(Optional<String> bounceHost, Optional<String> trackingHost) {

    /** The relay's own hosts: no sender domain covers the mail, or its records are not found yet. */
    public static final DomainHosts RELAYS = new DomainHosts(Optional.empty(), Optional.empty());

    static DomainHosts of(SenderDomain domain) {
        String bounce = domain.getBounceHost();
        String tracking = domain.getTrackingHost();
        boolean bounceReady = DomainCheck.wasFound(domain, "spf", bounce) && DomainCheck.wasFound(domain, "bounce-mx", bounce);
        return new DomainHosts(bounceReady ? Optional.of(bounce) : Optional.empty(),
                DomainCheck.wasFound(domain, "tracking", tracking) ? Optional.of(tracking) : Optional.empty());
    }
}
