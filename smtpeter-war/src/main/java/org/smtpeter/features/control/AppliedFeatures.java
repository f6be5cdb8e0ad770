package org.smtpeter.features.control;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import org.smtpeter.credentials.entity.FeatureSet;

/**
 * The features that apply to one message: the credential's defaults as overridden by the
 * message's {@code x-smtpeter-*} headers. Recorded with the message.
 *
 * @param unsubscribe one-click unsubscribe: {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
 *                    added to each recipient's copy
 * @param tags the message's tags from {@code x-smtpeter-tags}, in order, without duplicates
 */
public record AppliedFeatures(boolean inlineCss, boolean trackClicks, boolean trackOpens, boolean trackBounces,
                              boolean preventScam, boolean unsubscribe, List<String> tags) {

    public AppliedFeatures {
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** Without one-click unsubscribe. */
    public AppliedFeatures(boolean inlineCss, boolean trackClicks, boolean trackOpens, boolean trackBounces,
                           boolean preventScam, List<String> tags) {
        this(inlineCss, trackClicks, trackOpens, trackBounces, preventScam, false, tags);
    }

    /** The credential's settings, before any header overrides them. */
    public static AppliedFeatures defaultsOf(FeatureSet features) {
        return new AppliedFeatures(features.isInlineCss(), features.isTrackClicks(), features.isTrackOpens(),
                features.isTrackBounces(), features.isPreventScam(), features.isUnsubscribe(), List.of());
    }

    /** The features recorded as {@link #properties()}, and the tags, back as a value. */
    public static AppliedFeatures fromProperties(String properties, List<String> tags) {
        List<String> on = properties == null || properties.isBlank() ? List.of() : List.of(properties.split(";"));
        return new AppliedFeatures(on.contains("inlinecss"), on.contains("trackclicks"), on.contains("trackopens"),
                on.contains("trackbounces"), on.contains("preventscam"), on.contains("unsubscribe"), tags);
    }

    /** Nothing switched on: for mail that no credential sent (notifications). */
    public static AppliedFeatures none() {
        return new AppliedFeatures(false, false, false, false, false, List.of());
    }

    /** Whether any feature changes the HTML; if not, the message body need not be parsed at all. */
    public boolean changesHtml() {
        return inlineCss || trackClicks || trackOpens;
    }

    /**
     * The switched-on features as SMTPeter's attempts log writes them:
     * {@code preventscam;inlinecss;trackbounces;trackopens;trackclicks}, in that order, then the
     * relay's own {@code unsubscribe}.
     */
    public String properties() {
        StringJoiner properties = new StringJoiner(";");
        if (preventScam) {
            properties.add("preventscam");
        }
        if (inlineCss) {
            properties.add("inlinecss");
        }
        if (trackBounces) {
            properties.add("trackbounces");
        }
        if (trackOpens) {
            properties.add("trackopens");
        }
        if (trackClicks) {
            properties.add("trackclicks");
        }
        if (unsubscribe) {
            properties.add("unsubscribe");
        }
        return properties.toString();
    }
}
