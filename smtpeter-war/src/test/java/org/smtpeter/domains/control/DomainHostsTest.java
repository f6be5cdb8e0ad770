package org.smtpeter.domains.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpeter.domains.entity.SenderDomain;

/** Which of a sender domain's hosts its mail uses, by what its last DNS check found. */
class DomainHostsTest {

    private static final Instant NOW = Instant.parse("2025-03-05T08:30:00Z");

    @Test
    void aDomainNeverCheckedUsesTheRelaysHosts() {
        assertEquals(DomainHosts.RELAYS, DomainHosts.of(new SenderDomain(1, "example.com", NOW)));
    }

    @Test
    void everyRecordFoundMeansBothHosts() {
        SenderDomain domain = checked(Map.of());

        assertEquals(new DomainHosts(Optional.of("bounce.example.com"), Optional.of("track.example.com")),
                DomainHosts.of(domain));
    }

    @Test
    void theBounceHostNeedsItsMx() {
        SenderDomain domain = checked(Map.of("bounce-mx", DnsCheck.Status.MISSING));

        assertEquals(new DomainHosts(Optional.empty(), Optional.of("track.example.com")), DomainHosts.of(domain));
    }

    @Test
    void theBounceHostNeedsItsSpf() {
        SenderDomain domain = checked(Map.of("spf", DnsCheck.Status.WRONG));

        assertEquals(Optional.empty(), DomainHosts.of(domain).bounceHost());
    }

    @Test
    void theTrackingHostNeedsItsCname() {
        SenderDomain domain = checked(Map.of("tracking", DnsCheck.Status.WRONG));

        assertEquals(new DomainHosts(Optional.of("bounce.example.com"), Optional.empty()), DomainHosts.of(domain));
    }

    @Test
    void theDkimKeysAndDmarcDoNotMatterForTheHosts() {
        SenderDomain domain = checked(Map.of("dkim", DnsCheck.Status.MISSING, "dmarc", DnsCheck.Status.MISSING));

        assertEquals(new DomainHosts(Optional.of("bounce.example.com"), Optional.of("track.example.com")),
                DomainHosts.of(domain));
    }

    /** example.com after a check that found every record but those given. */
    private static SenderDomain checked(Map<String, DnsCheck.Status> otherwise) {
        SenderDomain domain = new SenderDomain(1, "example.com", NOW);
        List<DnsCheck.Checked> records = DnsRecord.of(domain, "mail.relay.net", "track.relay.net").stream()
                .map(record -> new DnsCheck.Checked(record, otherwise.getOrDefault(record.purpose(), DnsCheck.Status.FOUND),
                        List.of()))
                .toList();
        DomainCheck result = new DomainCheck(records, false);
        domain.checked(NOW, result.verified(), result.toJson());
        return domain;
    }
}
