package org.smtpeter.domains.control;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.DnsServers;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks a domain's records up (dnsjava, no cache: the owner has just published them) and says for
 * each whether it is found as it should be, missing, or there but wrong. DNS failures count as
 * missing.
 */
@ApplicationScoped
public class DnsCheck {

    /** What a lookup found for one record. */
    public enum Status { FOUND, MISSING, WRONG }

    /** @param found what DNS has at the name for that type, for the owner to compare */
    public record Checked(DnsRecord record, Status status, List<String> found) {
    }

    @Inject
    DomainSettings settings;

    private Resolver resolver;

    /** For CDI. */
    public DnsCheck() {
    }

    /** For tests: against this resolver. */
    DnsCheck(Resolver resolver) {
        this.resolver = resolver;
    }

    @PostConstruct
    void createResolver() {
        resolver = DnsServers.resolver(settings.dnsServer());
    }

    public Checked check(DnsRecord record) {
        List<String> found = lookup(record);
        if (found.isEmpty()) {
            return new Checked(record, Status.MISSING, found);
        }
        boolean right = switch (record.purpose()) {
            case "dkim" -> found.stream().anyMatch(text -> sameKey(text, record.value()));
            case "dmarc" -> found.stream().anyMatch(text -> text.strip().startsWith("v=DMARC1"));
            case "spf" -> found.stream().anyMatch(text -> allowsRelay(text, record.value()));
            default -> found.stream().anyMatch(value -> sameName(value, record.value()));
        };
        return new Checked(record, right ? Status.FOUND : Status.WRONG, found);
    }

    private List<String> lookup(DnsRecord record) {
        int type = Type.value(record.type());
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(record.name() + "."), type);
        } catch (TextParseException e) {
            return List.of();
        }
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] answers = lookup.run();
        if (answers == null) {
            return List.of();
        }
        return Arrays.stream(answers).filter(answer -> answer.getType() == type).map(DnsCheck::text).toList();
    }

    private static String text(Record answer) {
        if (answer instanceof TXTRecord txt) {
            return String.join("", txt.getStrings());
        }
        if (answer instanceof MXRecord mx) {
            return mx.getPriority() + " " + mx.getTarget();
        }
        if (answer instanceof CNAMERecord cname) {
            return cname.getTarget().toString();
        }
        return answer.rdataToString();
    }

    /** A key record with the same key type and key: other tags (t=, n=, h=) and spacing may differ. */
    static boolean sameKey(String published, String expected) {
        Map<String, String> found = tags(published);
        Map<String, String> wanted = tags(expected);
        return "DKIM1".equals(found.getOrDefault("v", "DKIM1")) && wanted.get("p").equals(found.get("p"))
                && wanted.get("k").equalsIgnoreCase(found.getOrDefault("k", "rsa"));
    }

    /** An SPF record that names the relay's host however it does it (a:, mx:, include: ...). */
    private static boolean allowsRelay(String published, String expected) {
        String relay = expected.replaceAll(".*a:(\\S+).*", "$1").toLowerCase(Locale.ROOT);
        String text = published.toLowerCase(Locale.ROOT);
        return text.startsWith("v=spf1") && text.contains(relay);
    }

    /** MX and CNAME: the target host, any preference. */
    private static boolean sameName(String found, String expected) {
        String target = expected.substring(expected.lastIndexOf(' ') + 1);
        return found.substring(found.lastIndexOf(' ') + 1).equalsIgnoreCase(target);
    }

    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new TreeMap<>();
        for (String tag : text.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.put(tag.substring(0, equals).strip(), tag.substring(equals + 1).replaceAll("\\s", ""));
            }
        }
        return tags;
    }
}
