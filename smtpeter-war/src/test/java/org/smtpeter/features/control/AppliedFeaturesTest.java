package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpeter.credentials.entity.FeatureSet;

class AppliedFeaturesTest {

    @Test
    void startsFromTheCredentialsFeatureSet() {
        assertEquals(new AppliedFeatures(false, true, true, true, true, List.of()),
                AppliedFeatures.defaultsOf(FeatureSet.defaults()));
    }

    @Test
    void writesPropertiesInSmtpeterOrder() {
        assertEquals("preventscam;inlinecss;trackbounces;trackopens;trackclicks",
                new AppliedFeatures(true, true, true, true, true, List.of()).properties());
        assertEquals("inlinecss;trackclicks", new AppliedFeatures(true, true, false, false, false, List.of()).properties());
        assertEquals("", new AppliedFeatures(false, false, false, false, false, List.of()).properties());
        assertEquals("trackclicks;unsubscribe",
                new AppliedFeatures(false, true, false, false, false, true, List.of()).properties());
    }

    @Test
    void readsUnsubscribeBackFromTheRecordedProperties() {
        AppliedFeatures applied = new AppliedFeatures(false, false, true, false, false, true, List.of("t"));
        assertEquals(applied, AppliedFeatures.fromProperties(applied.properties(), List.of("t")));
        assertFalse(AppliedFeatures.fromProperties("trackopens", List.of()).unsubscribe());
    }

    @Test
    void knowsWhetherTheHtmlChanges() {
        assertFalse(new AppliedFeatures(false, false, false, true, true, List.of()).changesHtml());
        assertTrue(new AppliedFeatures(false, false, true, false, false, List.of()).changesHtml());
    }

    @Test
    void keepsItsOwnCopyOfTheTags() {
        List<String> tags = new ArrayList<>(List.of("a"));
        AppliedFeatures applied = new AppliedFeatures(false, false, false, false, false, tags);
        tags.add("b");
        assertEquals(List.of("a"), applied.tags());
        assertThrows(UnsupportedOperationException.class, () -> applied.tags().add("c"));
    }
}
