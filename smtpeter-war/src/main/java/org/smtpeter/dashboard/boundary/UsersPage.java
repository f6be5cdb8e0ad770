package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.users.boundary.Viewer;
import org.smtpeter.users.control.People;
import org.smtpeter.users.control.PeopleException;
import org.smtpeter.users.control.TwoFactor;
import org.smtpeter.users.entity.DashboardUser;

/**
 * Backs {@code dashboard/users.xhtml?account=}: the people of one account (an owner's own; for
 * operators the account asked for, or the operators themselves without one): invite, send the
 * invitation again, disable, enable, remove, make owner or member, and the account's rule that
 * everyone logs in with two factors.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    People people;

    @Inject
    Audited audited;

    @Inject
    Accounts accounts;

    @Inject
    TwoFactor twoFactor;

    @Inject
    Viewer viewer;

    private Long account;
    private String email;
    private String role = DashboardUser.MEMBER;
    private Long confirmingRemove;
    private transient List<DashboardUser> list;

    /** The account shown; null for the operators' own list. */
    public Long getScope() {
        return viewer.scope(account);
    }

    public Account getSelected() {
        Long scope = getScope();
        return scope == null ? null : accounts.find(scope).orElse(null);
    }

    public List<DashboardUser> getPeople() {
        if (list == null) {
            list = people.of(getScope());
        }
        return list;
    }

    public void invite() {
        confirmingRemove = null;
        act(null, () -> {
            DashboardUser invited = audited.make(AuditActions.USER_INVITED,
                    () -> people.invite(getScope(), email, role, viewer.actor()),
                    made -> made.getAccountId(), made -> made.getUsername() + " as " + made.getRole().toLowerCase());
            Notices.info("Invited " + invited.getUsername() + ": the link is on its way and works for 7 days.");
            email = null;
        });
    }

    public void resend(long userId) {
        act(userId, () -> {
            audited.change(getScope(), AuditActions.USER_INVITED, nameOf(userId) + " (again)",
                    () -> people.resendInvitation(userId, viewer.actor()));
            Notices.info("A new invitation is on its way; the earlier link no longer works.");
        });
    }

    public void setEnabled(long userId, boolean enabled) {
        act(userId, () -> {
            audited.change(getScope(), enabled ? AuditActions.USER_ENABLED : AuditActions.USER_DISABLED, nameOf(userId),
                    () -> people.enable(userId, enabled));
            Notices.info((enabled ? "Enabled " : "Disabled ") + nameOf(userId) + ".");
        });
    }

    public void askRemove(long userId) {
        confirmingRemove = userId;
    }

    public void remove() {
        Long userId = confirmingRemove;
        confirmingRemove = null;
        if (userId != null) {
            String name = nameOf(userId);
            act(userId, () -> {
                audited.change(getScope(), AuditActions.USER_REMOVED, name, () -> people.remove(userId));
                Notices.info("Removed " + name + ".");
            });
        }
    }

    public void makeRole(long userId, String newRole) {
        act(userId, () -> {
            audited.change(getScope(), AuditActions.USER_ROLE_CHANGED, nameOf(userId) + " to " + newRole.toLowerCase(),
                    () -> people.changeRole(userId, newRole));
            Notices.info(nameOf(userId) + " is now " + newRole.toLowerCase() + ".");
        });
    }

    public boolean isTwoFactorRequired() {
        return twoFactor.isRequired(getScope());
    }

    public void requireTwoFactor(boolean required) {
        Long scope = getScope();
        if (scope != null) {
            audited.change(scope, AuditActions.ACCOUNT_TWO_FACTOR_RULE, required ? "required" : "up to each person",
                    () -> twoFactor.require(scope, required));
            Notices.info(required ? "Everyone of this account now logs in with a second factor."
                    : "A second factor is now up to each person.");
        }
    }

    public void cancel() {
        confirmingRemove = null;
    }

    /** Acts only on people of the page's scope (the operators' list or the account), then reads the list again. */
    private void act(Long userId, Runnable action) {
        if (userId != null && getPeople().stream().noneMatch(u -> u.getId().equals(userId))) {
            Notices.error("That person is not one of this list's (any more).");
        } else if (userId != null && viewer.user().map(me -> me.getId().equals(userId)).orElse(false)) {
            Notices.error("You cannot change your own login here.");
        } else {
            try {
                action.run();
            } catch (PeopleException e) {
                Notices.error(e.getMessage());
            }
        }
        list = null;
    }

    private String nameOf(long userId) {
        return getPeople().stream().filter(u -> u.getId().equals(userId)).map(DashboardUser::getUsername).findFirst()
                .orElse("user " + userId);
    }

    public String state(DashboardUser user) {
        if (!user.isEnabled()) {
            return "disabled";
        }
        return user.hasPassword() ? (user.hasTwoFactor() ? "active, two-factor" : "active") : "invited";
    }

    public Long getConfirmingRemove() {
        return confirmingRemove;
    }

    public Long getAccount() {
        return account;
    }

    public void setAccount(Long account) {
        this.account = account;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }
}
