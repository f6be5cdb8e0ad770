package org.smtpeter.users.boundary;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

import org.smtpeter.users.control.DashboardUsers;
import org.smtpeter.users.entity.DashboardUser;

/**
 * The person looking at the dashboard in this request, read afresh each request (a disabled or
 * removed person is nobody at once): an operator, who sees every account, or someone of one
 * account, who sees only that one. Pages ask it which account a list is about.
 */
@Named
@RequestScoped
public class Viewer {

    @Inject
    SecurityContext securityContext;

    @Inject
    DashboardUsers users;

    @Inject
    HttpServletRequest request;

    private Optional<DashboardUser> user;

    /** The logged-in, enabled person; empty when nobody (or somebody no longer allowed) is logged in. */
    public Optional<DashboardUser> user() {
        if (user == null) {
            user = Optional.ofNullable(securityContext.getCallerPrincipal())
                    .flatMap(principal -> users.find(principal.getName()))
                    .filter(DashboardUser::isEnabled);
        }
        return user;
    }

    /** Reads the person again, after a change to them in this request. */
    public void refresh() {
        user = null;
    }

    private DashboardUser current() {
        return user().orElseThrow(() -> new IllegalStateException("nobody is logged in"));
    }

    public boolean isOperator() {
        return user().map(DashboardUser::isOperator).orElse(false);
    }

    /** Operators and an account's owners manage people. */
    public boolean isManagingPeople() {
        return user().map(u -> u.isOperator() || u.isOwner()).orElse(false);
    }

    /** The viewer's account; null for operators. */
    public Long getAccountId() {
        return user().map(DashboardUser::getAccountId).orElse(null);
    }

    public String getUsername() {
        return current().getUsername();
    }

    /**
     * The account a page is about: for operators the one asked for (null: all), for anyone else
     * their own, whatever was asked (a request for another account is answered as not found before
     * it reaches a page, see {@link DashboardAccess}).
     */
    public Long scope(Long requested) {
        return isOperator() ? requested : current().getAccountId();
    }

    /** Whether things of this account (null: the relay's own) may be shown. */
    public boolean canSee(Long accountId) {
        return isOperator() || (accountId != null && accountId.equals(getAccountId()));
    }

    /** Where the dashboard opens: the accounts for operators, one's own account for everyone else. */
    public String home() {
        return isOperator() ? "/dashboard/accounts?faces-redirect=true"
                : "/dashboard/account?faces-redirect=true&id=" + getAccountId();
    }

    /** Who did it, for the audit log. */
    public String actor() {
        return current().getUsername();
    }

    public String remoteAddress() {
        return request.getRemoteAddr();
    }
}
