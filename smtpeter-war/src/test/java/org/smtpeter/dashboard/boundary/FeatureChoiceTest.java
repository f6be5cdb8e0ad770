package org.smtpeter.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smtpeter.credentials.entity.FeatureSet;
import org.smtpeter.credentials.entity.SmtpCredential;

class FeatureChoiceTest {

    @Test
    void defaultsAreTheCredentialDefaultsWithBouncesForwarded() {
        FeatureChoice defaults = FeatureChoice.defaults();
        FeatureSet expected = FeatureSet.defaults();
        assertEquals(expected.isInlineCss(), defaults.isInlineCss());
        assertEquals(expected.isTrackClicks(), defaults.isTrackClicks());
        assertEquals(expected.isTrackOpens(), defaults.isTrackOpens());
        assertEquals(expected.isTrackBounces(), defaults.isTrackBounces());
        assertEquals(expected.isPreventScam(), defaults.isPreventScam());
        assertTrue(defaults.isForwardBounces());
        assertFalse(defaults.isJmsSubmission(), "JMS submission is off unless switched on");
    }

    @Test
    void editedChoiceBecomesAFeatureSet() {
        FeatureChoice choice = FeatureChoice.defaults();
        choice.setInlineCss(true);
        choice.setTrackOpens(false);
        FeatureSet features = choice.toFeatureSet();
        assertTrue(features.isInlineCss());
        assertFalse(features.isTrackOpens());
        assertTrue(features.isTrackClicks());
    }

    @Test
    void summaryNamesWhatIsOn() {
        assertEquals("click tracking, open tracking, bounce tracking (forwarded), preventscam",
                FeatureChoice.defaults().summary());
        assertEquals("none", FeatureChoice.of(new FeatureSet(false, false, false, false, false, false), true).summary());
    }

    @Test
    void aCredentialsChoiceCarriesItsJmsSwitchIntoTheSummary() {
        SmtpCredential credential = new SmtpCredential(null, "app", "hash",
                new FeatureSet(false, false, false, false, false, false), null, java.time.Instant.EPOCH);
        credential.setJmsSubmission(true);

        FeatureChoice choice = FeatureChoice.of(credential);

        assertTrue(choice.isJmsSubmission());
        assertEquals("JMS submission", choice.summary());
    }
}
