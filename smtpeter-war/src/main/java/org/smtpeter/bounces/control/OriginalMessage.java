package org.smtpeter.bounces.control;

import java.util.List;
import java.util.Locale;

/**
 * What a report quotes of the message it is about: the headers of the returned message/rfc822,
 * text/rfc822-headers or message/global-headers part, or of a header block quoted in a plain-text
 * bounce. For replies, only the Message-ID taken from In-Reply-To.
 *
 * @param messageId the original Message-ID with its angle brackets, or null
 * @param headers   the quoted headers in order, unfolded, values not decoded
 */
public record OriginalMessage(String messageId, List<HeaderField> headers) {

    /** Nothing quoted. */
    public static final OriginalMessage NONE = new OriginalMessage(null, List.of());

    /** One header line. */
    public record HeaderField(String name, String value) {
    }

    public OriginalMessage {
        headers = List.copyOf(headers);
    }

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(wanted))
                .map(HeaderField::value).findFirst().orElse(null);
    }
}
