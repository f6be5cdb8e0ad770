package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.smtpeter.credentials.entity.FeatureSet;
import org.smtpeter.credentials.entity.SmtpCredential;

/**
 * The feature checkboxes of a credential form; a mutable copy of a {@link FeatureSet}, its
 * forwardBounces and whether it may be named on the JMS submission queue.
 */
public class FeatureChoice implements Serializable {

    private static final long serialVersionUID = 1L;

    private boolean inlineCss;
    private boolean trackClicks;
    private boolean trackOpens;
    private boolean trackBounces;
    private boolean preventScam;
    private boolean unsubscribe;
    private boolean forwardBounces;
    private boolean jmsSubmission;

    public static FeatureChoice of(FeatureSet features, boolean forwardBounces) {
        FeatureChoice choice = new FeatureChoice();
        choice.inlineCss = features.isInlineCss();
        choice.trackClicks = features.isTrackClicks();
        choice.trackOpens = features.isTrackOpens();
        choice.trackBounces = features.isTrackBounces();
        choice.preventScam = features.isPreventScam();
        choice.unsubscribe = features.isUnsubscribe();
        choice.forwardBounces = forwardBounces;
        return choice;
    }

    public static FeatureChoice of(SmtpCredential credential) {
        FeatureChoice choice = of(credential.getFeatures(), credential.isForwardBounces());
        choice.jmsSubmission = credential.isJmsSubmission();
        return choice;
    }

    /** What a new credential gets: {@link FeatureSet#defaults()}, bounces forwarded, no JMS submission. */
    public static FeatureChoice defaults() {
        return of(FeatureSet.defaults(), true);
    }

    public FeatureSet toFeatureSet() {
        return new FeatureSet(inlineCss, trackClicks, trackOpens, trackBounces, preventScam, unsubscribe);
    }

    /** The features that are on, in SMTPeter's words, for a table cell. */
    public String summary() {
        List<String> on = new ArrayList<>();
        if (inlineCss) {
            on.add("inline CSS");
        }
        if (trackClicks) {
            on.add("click tracking");
        }
        if (trackOpens) {
            on.add("open tracking");
        }
        if (trackBounces) {
            on.add("bounce tracking" + (forwardBounces ? " (forwarded)" : ""));
        }
        if (preventScam) {
            on.add("preventscam");
        }
        if (unsubscribe) {
            on.add("one-click unsubscribe");
        }
        if (jmsSubmission) {
            on.add("JMS submission");
        }
        return on.isEmpty() ? "none" : String.join(", ", on);
    }

    public boolean isInlineCss() {
        return inlineCss;
    }

    public void setInlineCss(boolean inlineCss) {
        this.inlineCss = inlineCss;
    }

    public boolean isTrackClicks() {
        return trackClicks;
    }

    public void setTrackClicks(boolean trackClicks) {
        this.trackClicks = trackClicks;
    }

    public boolean isTrackOpens() {
        return trackOpens;
    }

    public void setTrackOpens(boolean trackOpens) {
        this.trackOpens = trackOpens;
    }

    public boolean isTrackBounces() {
        return trackBounces;
    }

    public void setTrackBounces(boolean trackBounces) {
        this.trackBounces = trackBounces;
    }

    public boolean isPreventScam() {
        return preventScam;
    }

    public void setPreventScam(boolean preventScam) {
        this.preventScam = preventScam;
    }

    public boolean isUnsubscribe() {
        return unsubscribe;
    }

    public void setUnsubscribe(boolean unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    public boolean isForwardBounces() {
        return forwardBounces;
    }

    public void setForwardBounces(boolean forwardBounces) {
        this.forwardBounces = forwardBounces;
    }

    public boolean isJmsSubmission() {
        return jmsSubmission;
    }

    public void setJmsSubmission(boolean jmsSubmission) {
        this.jmsSubmission = jmsSubmission;
    }
}
