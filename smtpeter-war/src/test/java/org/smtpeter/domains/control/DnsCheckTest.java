package org.smtpeter.domains.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.domains.control.DnsCheck.Status;
import org.smtpeter.platform.control.DnsServers;
import org.smtpeter.testing.TestDns;

/** Each record looked up in the test's own DNS server: found as published, missing, or there but wrong. */
class DnsCheckTest {

    private static final String KEY = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu5";

    private TestDns dns;
    private DnsCheck check;

    @BeforeEach
    void startDns() throws IOException {
        dns = new TestDns();
        check = new DnsCheck(DnsServers.resolver(Optional.of(dns.address())));
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void aKeyRecordIsFoundWithOtherSpacingAndTagsMissingWhenAbsentWrongWithAnotherKey() {
        DnsRecord record = new DnsRecord("dkim", "TXT", "s1._domainkey.example.com", KEY, "s1");
        assertEquals(Status.MISSING, check.check(record).status());

        dns.txt("s1._domainkey.example.com", "v=DKIM1;k=rsa; t=s;  p=MIIBIjANBgkqhkiG9w0BAQEFAAOC AQ8AMIIBCgKCAQEAu5");
        assertEquals(Status.FOUND, check.check(record).status());

        dns.remove("s1._domainkey.example.com").txt("s1._domainkey.example.com", "v=DKIM1; k=rsa; p=AAAA");
        DnsCheck.Checked wrong = check.check(record);
        assertEquals(Status.WRONG, wrong.status());
        assertEquals(List.of("v=DKIM1; k=rsa; p=AAAA"), wrong.found());
    }

    @Test
    void spfMustNameTheRelayMxAndCnameMustPointAtIt() throws IOException {
        dns.txt("bounce.example.com", "v=spf1 ip4:192.0.2.1 a:relay.example.net ~all")
                .mx("bounce.example.com", 5, "relay.example.net")
                .cname("track.example.com", "elsewhere.example.net");

        assertEquals(Status.FOUND, check.check(new DnsRecord("spf", "TXT", "bounce.example.com",
                "v=spf1 a:relay.example.net -all", null)).status());
        assertEquals(Status.FOUND, check.check(new DnsRecord("bounce-mx", "MX", "bounce.example.com",
                "10 relay.example.net.", null)).status());
        assertEquals(Status.WRONG, check.check(new DnsRecord("tracking", "CNAME", "track.example.com",
                "t.relay.example.net.", null)).status());
        assertEquals(Status.MISSING, check.check(new DnsRecord("dmarc", "TXT", "_dmarc.example.com",
                "v=DMARC1; p=none", null)).status());
    }

    @Test
    void anyDmarcPolicyCounts() {
        dns.txt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com");

        assertEquals(Status.FOUND, check.check(new DnsRecord("dmarc", "TXT", "_dmarc.example.com",
                "v=DMARC1; p=none", null)).status());
    }
}
