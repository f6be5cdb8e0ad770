package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.users.boundary.Viewer;
import org.smtpeter.users.control.RecoveryCodes;
import org.smtpeter.users.control.TwoFactor;
import org.smtpeter.users.entity.DashboardUser;

/**
 * Backs {@code dashboard/security.xhtml}: the logged-in person's two-factor login. Setting it up
 * shows a new secret (as text and as the URI an app takes), which becomes theirs only when a code
 * from the app proves it was entered right; the recovery codes are shown then, once.
 */
@Named
@ViewScoped
public class SecurityPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Viewer viewer;

    @Inject
    TwoFactor twoFactor;

    @Inject
    RecoveryCodes recoveryCodes;

    private TwoFactor.Enrollment enrollment;
    private String code;
    private List<String> shownRecoveryCodes;

    public boolean isEnabled() {
        return viewer.user().map(DashboardUser::hasTwoFactor).orElse(false);
    }

    public boolean isRequired() {
        return twoFactor.isRequired(viewer.getAccountId());
    }

    public long getUnusedRecoveryCodes() {
        return viewer.user().map(recoveryCodes::unused).orElse(0L);
    }

    public void begin() {
        shownRecoveryCodes = null;
        enrollment = twoFactor.begin(viewer.getUsername());
    }

    public void confirm() {
        if (enrollment == null) {
            return;
        }
        long userId = viewer.user().orElseThrow().getId();
        twoFactor.enable(userId, enrollment, code).ifPresentOrElse(codes -> {
            viewer.refresh();
            shownRecoveryCodes = codes;
            enrollment = null;
            Notices.info("Two-factor login is on. Keep the recovery codes below somewhere safe: they are shown only now.");
        }, () -> Notices.error("That code does not match. Check the app's clock and enter the newest code."));
        code = null;
    }

    public void disable() {
        if (isRequired()) {
            Notices.error("Your account requires two-factor login; it cannot be switched off.");
            return;
        }
        twoFactor.disable(viewer.user().orElseThrow().getId());
        viewer.refresh();
        shownRecoveryCodes = null;
        Notices.info("Two-factor login is off.");
    }

    public void cancel() {
        enrollment = null;
    }

    public TwoFactor.Enrollment getEnrollment() {
        return enrollment;
    }

    public List<String> getShownRecoveryCodes() {
        return shownRecoveryCodes;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
