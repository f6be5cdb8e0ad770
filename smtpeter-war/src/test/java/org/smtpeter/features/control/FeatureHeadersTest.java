package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

import jakarta.mail.Header;
import jakarta.mail.internet.InternetHeaders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtpeter.credentials.entity.FeatureSet;

class FeatureHeadersTest {

    private static final FeatureSet ALL_OFF = new FeatureSet(false, false, false, false, false, false);
    private static final FeatureSet ALL_ON = new FeatureSet(true, true, true, true, true, true);

    private final FeatureHeaders featureHeaders = new FeatureHeaders();

    /** header | value | feature | credential default | expected. */
    @ParameterizedTest(name = "{0}: ''{1}'' over {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "x-smtpeter-inlinecss        | true            | inlinecss    | off | true",
            "x-smtpeter-inlinizecss      | true            | inlinecss    | off | true",
            "X-SMTPeter-InlineCSS        | TRUE            | inlinecss    | off | true",
            "x-smtpeter-inlinecss        | false           | inlinecss    | on  | false",
            "x-smtpeter-trackclicks      | false           | trackclicks  | on  | false",
            "x-smtpeter-clicktracking    | False           | trackclicks  | on  | false",
            "x-smtpeter-clicktracking    | true            | trackclicks  | off | true",
            "x-smtpeter-trackopens       | '  true  '      | trackopens   | off | true",
            "x-smtpeter-openstracking    | '\tfalse'       | trackopens   | on  | false",
            "X-SMTPETER-OPENSTRACKING    | tRuE            | trackopens   | off | true",
            "x-smtpeter-trackbounces     | false           | trackbounces | on  | false",
            "x-smtpeter-bouncetracking   | true            | trackbounces | off | true",
            "x-smtpeter-preventscam      | false           | preventscam  | on  | false",
            "x-smtpeter-preventscam      | true            | preventscam  | off | true",
            "x-smtpeter-unsubscribe      | true            | unsubscribe  | off | true",
            "X-SMTPeter-Unsubscribe      | ' FALSE '       | unsubscribe  | on  | false",
            "x-smtpeter-unsubscribe      | yes             | unsubscribe  | off | false",
            "x-smtpeter-trackclicks      | yes             | trackclicks  | off | false",
            "x-smtpeter-trackclicks      | no              | trackclicks  | on  | true",
            "x-smtpeter-trackclicks      | 1               | trackclicks  | off | false",
            "x-smtpeter-trackclicks      | 0               | trackclicks  | on  | true",
            "x-smtpeter-trackclicks      | ''              | trackclicks  | on  | true",
            "x-smtpeter-trackclicks      | truefalse       | trackclicks  | off | false",
            "x-smtpeter-trackclicks      | 'true; false'   | trackclicks  | off | false",
            "x-smtpeter-trackclick       | false           | trackclicks  | on  | true",
            "x-track-clicks              | false           | trackclicks  | on  | true"})
    void appliesAHeaderOverTheCredentialDefault(String name, String value, String feature, String defaults,
                                                String expected) {
        AppliedFeatures applied = featureHeaders.resolve(defaults.equals("on") ? ALL_ON : ALL_OFF,
                List.of(new Header(name, value)));
        assertEquals(Boolean.parseBoolean(expected), read(applied, feature));
    }

    @Test
    void keepsTheCredentialDefaultsWithoutHeaders() {
        FeatureSet mixed = new FeatureSet(true, false, true, false, true, false);
        assertEquals(new AppliedFeatures(true, false, true, false, true, List.of()),
                featureHeaders.resolve(mixed, List.of(new Header("Subject", "hi"), new Header("x-smtpeter-images", "hosted"))));
    }

    @Test
    void lastValidHeaderWinsWhateverItsSpelling() {
        assertEquals(false, featureHeaders.resolve(ALL_OFF, List.of(
                new Header("x-smtpeter-inlinecss", "true"),
                new Header("x-smtpeter-inlinizecss", "false"))).inlineCss());
        assertEquals(true, featureHeaders.resolve(ALL_OFF, List.of(
                new Header("x-smtpeter-inlinecss", "true"),
                new Header("x-smtpeter-inlinizecss", "maybe"))).inlineCss());
    }

    @Test
    void readsFoldedHeadersFromInternetHeaders() throws Exception {
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream((
                "Subject: test\r\n"
                        + "X-SMTPeter-TrackOpens:\r\n\tfalse\r\n"
                        + "x-smtpeter-tags: spring,\r\n newsletter\r\n"
                        + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        AppliedFeatures applied = featureHeaders.resolve(ALL_ON, headers);
        assertEquals(false, applied.trackOpens());
        assertEquals(List.of("spring", "newsletter"), applied.tags());
    }

    /** x-smtpeter-tags value | tags as resolved, joined by '/'. */
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "spring                               | spring",
            "spring,newsletter                    | spring/newsletter",
            "' spring , newsletter '              | spring/newsletter",
            "'a,,b, ,c,'                          | a/b/c",
            "'with space,ok'                      | ok",
            "'semi;colon,ok'                      | ok",
            "'tab\there,ok'                       | ok",
            "'dup,dup,other,dup'                  | dup/other",
            "'=?UTF-8?Q?caf=C3=A9?=,plain'        | café/plain",
            "''                                   | ''",
            "','                                  | ''"})
    void readsTags(String value, String expected) {
        AppliedFeatures applied = featureHeaders.resolve(ALL_OFF, List.of(new Header("X-SMTPeter-Tags", value)));
        assertEquals(expected == null ? "" : expected, String.join("/", applied.tags()));
    }

    @Test
    void addsUpTagsFromSeveralHeaders() {
        AppliedFeatures applied = featureHeaders.resolve(ALL_OFF, List.of(
                new Header("x-smtpeter-tags", "a,b"), new Header("x-smtpeter-tags", "b,c")));
        assertEquals(List.of("a", "b", "c"), applied.tags());
    }

    /** name | whether the header-stripping step removes it. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "x-smtpeter-tags          | true",
            "X-SMTPeter-TrackClicks   | true",
            "X-SMTPETER-IMAGES        | true",
            "x-smtpeter-              | true",
            "x-smtpeter               | false",
            "x-smtpeterx-tags         | false",
            "X-Mailer                 | false",
            "List-Unsubscribe         | false"})
    void recognisesSmtpeterHeaders(String name, boolean expected) {
        assertEquals(expected, FeatureHeaders.isSmtpeterHeader(name));
    }

    @Test
    void nullIsNoSmtpeterHeader() {
        assertEquals(false, FeatureHeaders.isSmtpeterHeader(null));
    }

    private static boolean read(AppliedFeatures applied, String feature) {
        Predicate<AppliedFeatures> getter = switch (feature) {
            case "inlinecss" -> AppliedFeatures::inlineCss;
            case "trackclicks" -> AppliedFeatures::trackClicks;
            case "trackopens" -> AppliedFeatures::trackOpens;
            case "trackbounces" -> AppliedFeatures::trackBounces;
            case "preventscam" -> AppliedFeatures::preventScam;
            case "unsubscribe" -> AppliedFeatures::unsubscribe;
            default -> throw new IllegalArgumentException(feature);
        };
        return getter.test(applied);
    }
}
