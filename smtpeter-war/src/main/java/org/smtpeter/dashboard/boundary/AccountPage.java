package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.users.boundary.Viewer;
import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.control.UnknownCredentialException;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.SmtpCredential;

/**
 * Backs {@code dashboard/account.xhtml?id=}: one account's SMTP credentials. Creating one or
 * rotating its password shows the password once ({@link OneTimePassword}); deleting and rotating
 * ask first, without JavaScript: the first click only marks the row, the second one acts.
 */
@Named
@ViewScoped
public class AccountPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Viewer viewer;

    @Inject
    Accounts accounts;

    @Inject
    Audited audited;

    private Long id;
    private String description;
    private FeatureChoice newFeatures = FeatureChoice.defaults();
    private OneTimePassword oneTimePassword;
    private Long confirmingDelete;
    private Long confirmingRotate;
    private Long editing;
    private FeatureChoice editedFeatures;
    // Read again after every change; transient because entities do not travel with a serialized session.
    private transient Optional<Account> account;
    private transient List<SmtpCredential> credentials;

    /** The account, or null when there is none with that id. */
    public Account getAccount() {
        return account().orElse(null);
    }

    public List<SmtpCredential> getCredentials() {
        if (credentials == null) {
            credentials = account().map(accounts::credentials).orElse(List.of());
        }
        return credentials;
    }

    private Optional<Account> account() {
        if (account == null) {
            account = id == null || !viewer.canSee(id) ? Optional.empty() : accounts.find(id);
        }
        return account;
    }

    public void create() {
        startAction();
        Account owner = account().orElseThrow();
        String text = description == null || description.isBlank() ? null : description.strip();
        oneTimePassword = audited.make(AuditActions.CREDENTIAL_CREATED,
                () -> OneTimePassword.of(accounts.createCredential(owner, text, newFeatures.toFeatureSet(),
                        newFeatures.isForwardBounces(), newFeatures.isJmsSubmission()), "created"),
                created -> owner.getId(), OneTimePassword::username);
        description = null;
        newFeatures = FeatureChoice.defaults();
        credentials = null;
    }

    public void setEnabled(long credentialId, boolean enabled) {
        startAction();
        act(credentialId, enabled ? AuditActions.CREDENTIAL_ENABLED : AuditActions.CREDENTIAL_DISABLED,
                () -> accounts.setEnabled(credentialId, enabled),
                (enabled ? "Enabled " : "Disabled ") + usernameOf(credentialId) + ".");
    }

    public void askDelete(long credentialId) {
        startAction();
        confirmingDelete = credentialId;
    }

    public void delete() {
        if (confirmingDelete == null) {
            return; // sent twice
        }
        long credentialId = confirmingDelete;
        String username = usernameOf(credentialId);
        startAction();
        act(credentialId, AuditActions.CREDENTIAL_DELETED, () -> accounts.deleteCredential(credentialId),
                "Deleted " + username + ". Its messages stay in the log.");
    }

    public void askRotate(long credentialId) {
        startAction();
        confirmingRotate = credentialId;
    }

    public void rotate() {
        if (confirmingRotate == null) {
            return;
        }
        long credentialId = confirmingRotate;
        startAction();
        act(credentialId, AuditActions.CREDENTIAL_ROTATED,
                () -> oneTimePassword = OneTimePassword.of(accounts.rotatePassword(credentialId), "rotated"),
                null);
    }

    public void edit(SmtpCredential credential) {
        startAction();
        editing = credential.getId();
        editedFeatures = FeatureChoice.of(credential);
    }

    public void saveFeatures() {
        if (editing == null) {
            return;
        }
        long credentialId = editing;
        FeatureChoice features = editedFeatures;
        startAction();
        act(credentialId, AuditActions.CREDENTIAL_FEATURES_CHANGED, () -> accounts.updateFeatures(credentialId, features.toFeatureSet(),
                features.isForwardBounces(), features.isJmsSubmission()), "Saved the features of " + usernameOf(credentialId) + ".");
    }

    /** Leaves a confirmation or an edit without doing anything. */
    public void cancel() {
        startAction();
    }

    public String summary(SmtpCredential credential) {
        return FeatureChoice.of(credential).summary();
    }

    public FeatureChoice getDefaults() {
        return FeatureChoice.defaults();
    }

    /** Every action ends what the last one left open, the shown password first of all. */
    private void startAction() {
        oneTimePassword = null;
        confirmingDelete = null;
        confirmingRotate = null;
        editing = null;
        editedFeatures = null;
    }

    /** Acts only on credentials of this page's account, then reads the list again. */
    private void act(long credentialId, String auditAction, Runnable action, String notice) {
        if (getCredentials().stream().noneMatch(c -> c.getId() == credentialId)) {
            Notices.error("That credential is not one of this account's (any more).");
        } else {
            try {
                audited.change(id, auditAction, usernameOf(credentialId), action::run);
                if (notice != null) {
                    Notices.info(notice);
                }
            } catch (UnknownCredentialException e) {
                Notices.error(e.getMessage());
            }
        }
        credentials = null;
    }

    private String usernameOf(long credentialId) {
        return getCredentials().stream().filter(c -> c.getId() == credentialId).map(SmtpCredential::getUsername)
                .findFirst().orElse("credential " + credentialId);
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public FeatureChoice getNewFeatures() {
        return newFeatures;
    }

    public OneTimePassword getOneTimePassword() {
        return oneTimePassword;
    }

    public Long getConfirmingDelete() {
        return confirmingDelete;
    }

    public Long getConfirmingRotate() {
        return confirmingRotate;
    }

    public Long getEditing() {
        return editing;
    }

    public String getEditingUsername() {
        return editing == null ? null : usernameOf(editing);
    }

    public FeatureChoice getEditedFeatures() {
        return editedFeatures;
    }
}
