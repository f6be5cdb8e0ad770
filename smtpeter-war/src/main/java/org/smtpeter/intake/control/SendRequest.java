package org.smtpeter.intake.control;

import java.util.List;
import java.util.Map;

/**
 * A message to send, as the REST API takes it in JSON (docs/rest-api.md, "Sending"). The relay
 * composes the MIME message from it; the envelope is {@code from} to {@code to}, {@code cc} and
 * {@code bcc}. Features left out keep the credential's defaults.
 *
 * @param credential  the SMTP user name whose account and feature set the message is sent with
 * @param headers     extra header fields, e.g. {@code List-Unsubscribe}; not From, To, Cc, Bcc, Subject
 * @param attachments files, their content in base64
 */
public record SendRequest(String credential, String from, List<String> to, List<String> cc, List<String> bcc,
                          String replyTo, String subject, String text, String html, List<Attachment> attachments,
                          Map<String, String> headers, List<String> tags, Features features) {

    /** @param content the file's bytes in base64 */
    public record Attachment(String filename, String contentType, String content) {
    }

    /** As a credential's feature set; null keeps the credential's default. */
    public record Features(Boolean inlineCss, Boolean trackClicks, Boolean trackOpens, Boolean trackBounces,
                           Boolean preventScam, Boolean unsubscribe) {
    }

    public List<String> to() {
        return to == null ? List.of() : to;
    }

    public List<String> cc() {
        return cc == null ? List.of() : cc;
    }

    public List<String> bcc() {
        return bcc == null ? List.of() : bcc;
    }

    public List<Attachment> attachments() {
        return attachments == null ? List.of() : attachments;
    }

    public Map<String, String> headers() {
        return headers == null ? Map.of() : headers;
    }

    public List<String> tags() {
        return tags == null ? List.of() : tags;
    }
}
