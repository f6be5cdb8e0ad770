package org.smtpeter.users.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.audit.control.AuditLog;
import org.smtpeter.credentials.control.AccountClosing;
import org.smtpeter.credentials.control.PasswordHashing;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.users.entity.DashboardUser;
import org.smtpeter.users.entity.UserLink;

/**
 * The people of the dashboard: inviting someone into an account (a mail through the relay with a
 * link that expires and works once), accepting, resetting a forgotten password the same way,
 * disabling, removing and changing roles. The last operator can be neither disabled nor removed.
 */
@Stateless
public class People {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);
    public static final int MINIMUM_PASSWORD_LENGTH = 12;

    @PersistenceContext
    EntityManager em;

    @Inject
    UserLinks links;

    @Inject
    UserMail mail;

    @Inject
    PasswordHashing hashing;

    @Inject
    RecoveryCodes recoveryCodes;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "smtpeter.dashboard.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    /** People of one account, or the operators for null; by user name. */
    public List<DashboardUser> of(Long accountId) {
        if (accountId == null) {
            return em.createQuery("SELECT u FROM DashboardUser u WHERE u.account IS NULL ORDER BY u.username",
                    DashboardUser.class).getResultList();
        }
        return em.createQuery("SELECT u FROM DashboardUser u WHERE u.account.id = :account ORDER BY u.username",
                DashboardUser.class).setParameter("account", accountId).getResultList();
    }

    public Optional<DashboardUser> find(long userId) {
        return Optional.ofNullable(em.find(DashboardUser.class, userId));
    }

    /** Invites {@code email} into the account (or as an operator for null) and mails the link. */
    public DashboardUser invite(Long accountId, String email, String role, String invitedBy) {
        String address = checkedAddress(email);
        if (em.createQuery("SELECT COUNT(u) FROM DashboardUser u WHERE u.username = :name", Long.class)
                .setParameter("name", address).getSingleResult() > 0) {
            throw new PeopleException(address + " already has a dashboard login.");
        }
        Instant now = Instant.now(clock);
        DashboardUser user;
        if (accountId == null) {
            user = new DashboardUser(address, null, DashboardUser.ADMIN, now);
        } else {
            Account account = Optional.ofNullable(em.find(Account.class, accountId))
                    .orElseThrow(() -> new PeopleException("No account " + accountId + "."));
            user = DashboardUser.invited(account, address, role, now);
        }
        em.persist(user);
        sendInvitation(user, invitedBy);
        return user;
    }

    /** A new link for someone who has not accepted yet; the earlier one stops working. */
    public void resendInvitation(long userId, String invitedBy) {
        DashboardUser user = find(userId).orElseThrow(() -> new PeopleException("No such user."));
        if (user.hasPassword()) {
            throw new PeopleException(user.getUsername() + " has accepted already.");
        }
        sendInvitation(user, invitedBy);
    }

    private void sendInvitation(DashboardUser user, String invitedBy) {
        String token = links.issue(user, UserLink.Purpose.INVITATION, INVITATION_VALIDITY);
        String where = user.isOperator() ? "to operate the SMTPeter relay" : "to the account " + user.getAccount().getName()
                + " on the SMTPeter relay";
        mail.send(user.getUsername(), "You are invited " + where,
                "Hello,\r\n\r\n" + invitedBy + " invited you " + where + ".\r\n\r\n"
                        + "Choose your password here (the link works once, for " + INVITATION_VALIDITY.toDays() + " days):\r\n\r\n"
                        + link("/invitation.xhtml", token) + "\r\n\r\nYour user name is " + user.getUsername() + ".\r\n");
    }

    /** Sets the invited person's first password; empty when the link does not work (any more). */
    public Optional<DashboardUser> accept(String token, char[] password, String remoteAddress) {
        return setPassword(token, UserLink.Purpose.INVITATION, password, remoteAddress, AuditActions.USER_JOINED);
    }

    /** Mails a reset link when the address is an active person's; says nothing either way. */
    public void requestReset(String email) {
        if (email == null || email.isBlank()) {
            return;
        }
        em.createQuery("SELECT u FROM DashboardUser u WHERE u.username = :name OR u.email = :name", DashboardUser.class)
                .setParameter("name", email.strip().toLowerCase(Locale.ROOT)).getResultStream()
                .filter(user -> user.isEnabled() && user.hasPassword() && user.getEmail() != null)
                .findFirst().ifPresent(user -> {
                    String token = links.issue(user, UserLink.Purpose.RESET, RESET_VALIDITY);
                    mail.send(user.getEmail(), "Your password for the SMTPeter relay",
                            "Hello,\r\n\r\nsomeone (we hope you) asked to reset the password of " + user.getUsername()
                                    + ".\r\nChoose a new one here (the link works once, for one hour):\r\n\r\n"
                                    + link("/reset.xhtml", token)
                                    + "\r\n\r\nIf it was not you, ignore this mail: nothing changes.\r\n");
                });
    }

    public Optional<DashboardUser> reset(String token, char[] password, String remoteAddress) {
        return setPassword(token, UserLink.Purpose.RESET, password, remoteAddress, AuditActions.USER_PASSWORD_RESET);
    }

    // The person is their own actor: nobody is logged in when a mailed link is used.
    private Optional<DashboardUser> setPassword(String token, UserLink.Purpose purpose, char[] password, String remoteAddress,
                                                String auditAction) {
        checkPassword(password);
        return links.redeem(token, purpose).map(user -> {
            user.changePasswordHash(hashing.hash(password));
            audit.record(user.getAccountId(), user.getUsername(), remoteAddress, auditAction, user.getUsername());
            return user;
        });
    }

    public void enable(long userId, boolean enabled) {
        DashboardUser user = find(userId).orElseThrow(() -> new PeopleException("No such user."));
        if (!enabled) {
            refuseLastOperator(user, "disabled");
        }
        user.enable(enabled);
    }

    public void remove(long userId) {
        DashboardUser user = find(userId).orElseThrow(() -> new PeopleException("No such user."));
        refuseLastOperator(user, "removed");
        dropLinksAndCodes(user);
        em.remove(user);
    }

    public void changeRole(long userId, String role) {
        find(userId).orElseThrow(() -> new PeopleException("No such user.")).changeRole(role);
    }

    /** The people of a closing account go with it. */
    public void accountClosing(@Observes AccountClosing closing) {
        for (DashboardUser user : of(closing.accountId())) {
            dropLinksAndCodes(user);
            em.remove(user);
        }
        em.createQuery("DELETE FROM LoginPolicy p WHERE p.accountId = :account")
                .setParameter("account", closing.accountId()).executeUpdate();
    }

    private void dropLinksAndCodes(DashboardUser user) {
        em.createQuery("DELETE FROM UserLink l WHERE l.user = :user").setParameter("user", user).executeUpdate();
        recoveryCodes.drop(user);
    }

    private void refuseLastOperator(DashboardUser user, String what) {
        if (user.isOperator() && user.isEnabled() && em.createQuery(
                "SELECT COUNT(u) FROM DashboardUser u WHERE u.account IS NULL AND u.enabled = TRUE", Long.class)
                .getSingleResult() <= 1) {
            throw new PeopleException(user.getUsername() + " is the last operator and cannot be " + what + ".");
        }
    }

    public static void checkPassword(char[] password) {
        if (password == null || password.length < MINIMUM_PASSWORD_LENGTH) {
            throw new PeopleException("The password needs at least " + MINIMUM_PASSWORD_LENGTH + " characters.");
        }
    }

    private String link(String page, String token) {
        return baseUrl.replaceAll("/+$", "") + page + "?token=" + token;
    }

    private static String checkedAddress(String email) {
        try {
            String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
            InternetAddress parsed = new InternetAddress(address, true);
            if (!parsed.getAddress().equals(address) || address.length() > 100 || !address.contains("@")) {
                throw new AddressException(address);
            }
            return address;
        } catch (AddressException e) {
            throw new PeopleException("That is not an e-mail address: " + email);
        }
    }
}
