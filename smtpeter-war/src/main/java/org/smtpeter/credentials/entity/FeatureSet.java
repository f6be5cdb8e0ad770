package org.smtpeter.credentials.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The SMTPeter features one SMTP credential switches on or off. Per-message
 * {@code x-smtpeter-*} headers override these defaults.
 */
@Embeddable
public class FeatureSet {

    @Column(name = "inline_css", nullable = false)
    private boolean inlineCss;

    @Column(name = "track_clicks", nullable = false)
    private boolean trackClicks = true;

    @Column(name = "track_opens", nullable = false)
    private boolean trackOpens = true;

    @Column(name = "track_bounces", nullable = false)
    private boolean trackBounces = true;

    @Column(name = "prevent_scam", nullable = false)
    private boolean preventScam = true;

    /** One-click unsubscribe (RFC 8058): off by default, since it adds a way out of the customer's mailing. */
    @Column(name = "unsubscribe", nullable = false)
    private boolean unsubscribe;

    public FeatureSet() {
    }

    public FeatureSet(boolean inlineCss, boolean trackClicks, boolean trackOpens, boolean trackBounces,
                      boolean preventScam, boolean unsubscribe) {
        this.inlineCss = inlineCss;
        this.trackClicks = trackClicks;
        this.trackOpens = trackOpens;
        this.trackBounces = trackBounces;
        this.preventScam = preventScam;
        this.unsubscribe = unsubscribe;
    }

    /** New credentials: tracking on, CSS inlining off, scam-looking links left alone, no unsubscribe headers. */
    public static FeatureSet defaults() {
        return new FeatureSet();
    }

    public boolean isInlineCss() {
        return inlineCss;
    }

    public boolean isTrackClicks() {
        return trackClicks;
    }

    public boolean isTrackOpens() {
        return trackOpens;
    }

    public boolean isTrackBounces() {
        return trackBounces;
    }

    public boolean isPreventScam() {
        return preventScam;
    }

    public boolean isUnsubscribe() {
        return unsubscribe;
    }
}
