package org.smtpeter.domains.control;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.smtpeter.domains.entity.KeyState;
import org.smtpeter.domains.entity.SenderDomain;
import org.smtpeter.platform.control.Jsonp;

/**
 * The result of one DNS check of a domain: each record with what was found. The domain is
 * verified when the record of every active DKIM key is found; the other records are advice
 * (SPF and MX for the bounce host, the tracking CNAME, DMARC), shown but not required.
 */
public record DomainCheck(List<DnsCheck.Checked> records, boolean verified) {

    /** What DNS had is kept only as far as it fits the stored result: a zone can say a lot. */
    private static final int MAX_FOUND = 4;
    private static final int MAX_FOUND_CHARS = 600;

    static DomainCheck of(SenderDomain domain, List<DnsCheck.Checked> records) {
        boolean verified = domain.getKeys().stream().filter(key -> key.getState() == KeyState.ACTIVE)
                .allMatch(key -> records.stream().anyMatch(checked -> key.getSelector().equals(checked.record().selector())
                        && checked.status() == DnsCheck.Status.FOUND));
        return new DomainCheck(records, verified && domain.getKeys().stream().anyMatch(k -> k.getState() == KeyState.ACTIVE));
    }

    /** Whether the key record of this selector was found. */
    boolean found(String selector) {
        return records.stream().anyMatch(checked -> selector.equals(checked.record().selector())
                && checked.status() == DnsCheck.Status.FOUND);
    }

    /** As stored with the domain and shown by the API: per record name, type and status, and what was found. */
    String toJson() {
        JsonArrayBuilder all = Jsonp.array();
        for (DnsCheck.Checked checked : records) {
            all.add(Jsonp.object().add("purpose", checked.record().purpose()).add("type", checked.record().type())
                    .add("name", checked.record().name()).add("status", checked.status().name().toLowerCase(java.util.Locale.ROOT))
                    .add("found", Jsonp.array(checked.found().stream().limit(MAX_FOUND)
                            .map(text -> text.length() > MAX_FOUND_CHARS ? text.substring(0, MAX_FOUND_CHARS) + "..." : text)
                            .toList())));
        }
        return all.build().toString();
    }

    /** The stored result read back; an empty array when the domain was never checked. */
    public static JsonArray stored(SenderDomain domain) {
        if (domain.getLastCheck() == null) {
            return Jsonp.array().build();
        }
        try (var reader = Jsonp.provider().createReader(new StringReader(domain.getLastCheck()))) {
            return reader.readArray();
        }
    }

    /** The stored status of one record: {@code found}, {@code missing} or {@code wrong}; null when never checked. */
    public static String status(SenderDomain domain, DnsRecord record) {
        return stored(domain, record).map(checked -> checked.getString("status")).orElse(null);
    }

    /** What the last check found at the record's name and type. */
    public static List<String> found(SenderDomain domain, DnsRecord record) {
        return stored(domain, record).map(checked -> checked.getJsonArray("found").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList()).orElse(List.of());
    }

    /** Whether the last check found the domain's record of this purpose at this name. */
    static boolean wasFound(SenderDomain domain, String purpose, String name) {
        return stored(domain).getValuesAs(JsonObject.class).stream()
                .anyMatch(checked -> checked.getString("purpose").equals(purpose) && checked.getString("name").equals(name)
                        && checked.getString("status").equals("found"));
    }

    private static Optional<JsonObject> stored(SenderDomain domain, DnsRecord record) {
        return stored(domain).getValuesAs(JsonObject.class).stream()
                .filter(checked -> checked.getString("name").equals(record.name())
                        && checked.getString("type").equals(record.type())
                        && checked.getString("purpose").equals(record.purpose()))
                .findFirst();
    }
}
