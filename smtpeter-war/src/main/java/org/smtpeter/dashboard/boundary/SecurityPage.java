package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
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
    Audited audited;

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
        try {
            shownRecoveryCodes = audited.make(AuditActions.USER_TWO_FACTOR_ON,
                    () -> twoFactor.enable(userId, enrollment, code).orElseThrow(WrongCode::new),
                    made -> viewer.getAccountId(), made -> viewer.getUsername());
            viewer.refresh();
            enrollment = null;
            Notices.info("Two-factor login is on. Keep the recovery codes below somewhere safe: they are shown only now.");
        } catch (WrongCode wrong) {
            Notices.error("That code does not match. Check the app's clock and enter the newest code.");
        }
        code = null;
    }

    /** The code typed at set-up was not the app's: nothing is stored. */
    private static final class WrongCode extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    public void disable() {
        if (isRequired()) {
            Notices.error("Your account requires two-factor login; it cannot be switched off.");
            return;
        }
        long userId = viewer.user().orElseThrow().getId();
        audited.change(viewer.getAccountId(), AuditActions.USER_TWO_FACTOR_OFF, viewer.getUsername(),
                () -> twoFactor.disable(userId));
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
