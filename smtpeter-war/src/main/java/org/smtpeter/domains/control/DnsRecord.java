package org.smtpeter.domains.control;

import java.util.ArrayList;
import java.util.List;

import org.smtpeter.domains.entity.DkimKey;
import org.smtpeter.domains.entity.KeyState;
import org.smtpeter.domains.entity.SenderDomain;

/**
 * One record a sender domain publishes, exactly as it goes into the zone.
 *
 * @param purpose  {@code dkim}, {@code spf}, {@code bounce-mx}, {@code tracking} or {@code dmarc}
 * @param selector the DKIM key's selector; null for the other records
 */
public record DnsRecord(String purpose, String type, String name, String value, String selector) {

    /**
     * Every record of the domain: one DKIM key record per key that is not retired (a rotation's
     * new key beside the active one), SPF and MX of the bounce host, the tracking host's CNAME, and
     * a DMARC policy to start with (monitoring only; any DMARC record counts as found).
     */
    public static List<DnsRecord> of(SenderDomain domain, String relayHost, String trackingHost) {
        List<DnsRecord> records = new ArrayList<>();
        for (DkimKey key : domain.getKeys()) {
            if (key.getState() != KeyState.RETIRED) {
                records.add(new DnsRecord("dkim", "TXT", key.getSelector() + "._domainkey." + domain.getName(),
                        KeyPairs.keyRecord(key.getAlgorithm(), key.getPublicKey()), key.getSelector()));
            }
        }
        records.add(new DnsRecord("spf", "TXT", domain.getBounceHost(), "v=spf1 a:" + relayHost + " -all", null));
        records.add(new DnsRecord("bounce-mx", "MX", domain.getBounceHost(), "10 " + relayHost + ".", null));
        records.add(new DnsRecord("tracking", "CNAME", domain.getTrackingHost(), trackingHost + ".", null));
        records.add(new DnsRecord("dmarc", "TXT", "_dmarc." + domain.getName(),
                "v=DMARC1; p=none; adkim=r; aspf=r; rua=mailto:dmarc-reports@" + domain.getName(), null));
        return records;
    }
}
