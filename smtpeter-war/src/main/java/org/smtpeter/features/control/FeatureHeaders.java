package org.smtpeter.features.control;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Header;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import org.smtpeter.credentials.entity.FeatureSet;

/**
 * Resolves the features of one message from its credential's defaults and its {@code x-smtpeter-*}
 * headers (docs/features.md). Both spellings SMTPeter documented are accepted:
 * {@code inlinecss}/{@code inlinizecss}, {@code trackclicks}/{@code clicktracking},
 * {@code trackopens}/{@code openstracking}, {@code trackbounces}/{@code bouncetracking}, and
 * {@code preventscam}, and the relay's own {@code unsubscribe} (one-click unsubscribe). Names in any case; values {@code true} or {@code false} in any case with
 * surrounding (or folded) whitespace; any other value is ignored so the default stands. When a
 * feature is set more than once, the last valid header wins, whatever its spelling.
 *
 * <p>{@code x-smtpeter-tags}: comma-separated, each trimmed; empty tags and tags containing
 * {@code ;} or whitespace are dropped (SMTPeter's REST rule); several tags headers add up;
 * duplicates are kept once. RFC 2047 encoded words are decoded first.
 */
@ApplicationScoped
public class FeatureHeaders {

    private static final String PREFIX = "x-smtpeter-";

    private enum Feature { INLINE_CSS, TRACK_CLICKS, TRACK_OPENS, TRACK_BOUNCES, PREVENT_SCAM, UNSUBSCRIBE }

    private static final Map<String, Feature> SWITCHES = Map.of(
            "x-smtpeter-inlinecss", Feature.INLINE_CSS,
            "x-smtpeter-inlinizecss", Feature.INLINE_CSS,
            "x-smtpeter-trackclicks", Feature.TRACK_CLICKS,
            "x-smtpeter-clicktracking", Feature.TRACK_CLICKS,
            "x-smtpeter-trackopens", Feature.TRACK_OPENS,
            "x-smtpeter-openstracking", Feature.TRACK_OPENS,
            "x-smtpeter-trackbounces", Feature.TRACK_BOUNCES,
            "x-smtpeter-bouncetracking", Feature.TRACK_BOUNCES,
            "x-smtpeter-preventscam", Feature.PREVENT_SCAM,
            "x-smtpeter-unsubscribe", Feature.UNSUBSCRIBE);

    private static final String TAGS = "x-smtpeter-tags";

    /** For the header-stripping step: every {@code x-smtpeter-*} header, in any case, goes. */
    public static boolean isSmtpeterHeader(String name) {
        return name != null && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    public AppliedFeatures resolve(FeatureSet defaults, InternetHeaders headers) {
        return resolve(defaults, Collections.list(headers.getAllHeaders()));
    }

    public AppliedFeatures resolve(FeatureSet defaults, List<Header> headers) {
        boolean inlineCss = defaults.isInlineCss();
        boolean trackClicks = defaults.isTrackClicks();
        boolean trackOpens = defaults.isTrackOpens();
        boolean trackBounces = defaults.isTrackBounces();
        boolean preventScam = defaults.isPreventScam();
        boolean unsubscribe = defaults.isUnsubscribe();
        Set<String> tags = new LinkedHashSet<>();
        for (Header header : headers) {
            String name = header.getName() == null ? "" : header.getName().strip().toLowerCase(Locale.ROOT);
            if (name.equals(TAGS)) {
                tags.addAll(tags(header.getValue()));
                continue;
            }
            Feature feature = SWITCHES.get(name);
            Optional<Boolean> value = feature == null ? Optional.empty() : bool(header.getValue());
            if (value.isEmpty()) {
                continue;
            }
            switch (feature) {
                case INLINE_CSS -> inlineCss = value.get();
                case TRACK_CLICKS -> trackClicks = value.get();
                case TRACK_OPENS -> trackOpens = value.get();
                case TRACK_BOUNCES -> trackBounces = value.get();
                case PREVENT_SCAM -> preventScam = value.get();
                case UNSUBSCRIBE -> unsubscribe = value.get();
            }
        }
        return new AppliedFeatures(inlineCss, trackClicks, trackOpens, trackBounces, preventScam, unsubscribe,
                new ArrayList<>(tags));
    }

    private static Optional<Boolean> bool(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = MimeUtility.unfold(value).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static List<String> tags(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (String tag : decoded(MimeUtility.unfold(value)).split(",")) {
            String trimmed = tag.strip();
            if (!trimmed.isEmpty() && trimmed.indexOf(';') < 0 && trimmed.codePoints().noneMatch(Character::isWhitespace)) {
                tags.add(trimmed);
            }
        }
        return tags;
    }

    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException | RuntimeException unknownCharset) {
            return value;
        }
    }
}
