package org.smtpeter.tracking.control;

import java.util.Objects;

/**
 * One recipient's copy of one message, as far as tracking cares. Each copy gets its own tokens,
 * so a click is attributed to the recipient who clicked.
 *
 * @param baseUrl   public base URL of the tracking host, e.g. {@code https://track.example.com};
 *                  a trailing slash is dropped
 * @param messageId the message's public id
 * @param recipient the envelope recipient of this copy
 */
public record TrackingContext(String baseUrl, String messageId, String recipient) {

    public TrackingContext {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!Urls.isHttp(baseUrl)) {
            throw new IllegalArgumentException("tracking base URL must be http(s): " + baseUrl);
        }
    }

    String clickUrl(String token) {
        return baseUrl + "/t/c/" + token;
    }

    String openUrl(String token) {
        return baseUrl + "/t/o/" + token;
    }
}
