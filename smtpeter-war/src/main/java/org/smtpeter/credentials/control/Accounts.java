package org.smtpeter.credentials.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.FeatureSet;
import org.smtpeter.credentials.entity.SmtpCredential;

/** Creates and finds accounts and their SMTP credentials; the REST API and the dashboard share it. */
@Stateless
public class Accounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHashing hashing;

    @Inject
    Event<AccountClosing> closing;

    @Inject
    Clock clock;

    public Account create(String name) {
        if (findByName(name).isPresent()) {
            throw new DuplicateAccountException(name);
        }
        Account account = new Account(name, Instant.now(clock));
        em.persist(account);
        return account;
    }

    public Optional<Account> find(long id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    public Optional<Account> findByName(String name) {
        return em.createNamedQuery(Account.BY_NAME, Account.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public List<Account> list(int first, int max) {
        return em.createNamedQuery(Account.ALL, Account.class).setFirstResult(first).setMaxResults(max)
                .getResultList();
    }

    public boolean isEmpty() {
        return em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult() == 0;
    }

    /** Creates a credential with a generated user name and password; the password is returned only here. */
    public NewCredential createCredential(Account account, String description, FeatureSet features) {
        return createCredential(account, description, features, true);
    }

    public NewCredential createCredential(Account account, String description, FeatureSet features,
                                          boolean forwardBounces) {
        return createCredential(account, description, features, forwardBounces, false);
    }

    /** @param jmsSubmission whether mail on the JMS submission queue may be sent as this credential */
    public NewCredential createCredential(Account account, String description, FeatureSet features,
                                          boolean forwardBounces, boolean jmsSubmission) {
        char[] password = Secrets.password();
        try {
            SmtpCredential credential = new SmtpCredential(em.merge(account), Secrets.username(),
                    hashing.hash(password), features, description, Instant.now(clock));
            credential.setForwardBounces(forwardBounces);
            credential.setJmsSubmission(jmsSubmission);
            em.persist(credential);
            return new NewCredential(credential, new String(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public List<SmtpCredential> credentials(Account account) {
        return em.createNamedQuery(SmtpCredential.OF_ACCOUNT, SmtpCredential.class)
                .setParameter("account", account.getId()).getResultList();
    }

    public Optional<SmtpCredential> credentialByUsername(String username) {
        return em.createNamedQuery(SmtpCredential.BY_USERNAME, SmtpCredential.class)
                .setParameter("username", username).getResultStream().findFirst();
    }

    public Optional<SmtpCredential> credential(long id) {
        return Optional.ofNullable(em.find(SmtpCredential.class, id));
    }

    /** A disabled credential fails SMTP AUTH with 535 like a wrong password; its history stays. */
    public void setEnabled(long credentialId, boolean enabled) {
        existing(credentialId).setEnabled(enabled);
    }

    public void updateFeatures(long credentialId, FeatureSet features, boolean forwardBounces, boolean jmsSubmission) {
        SmtpCredential credential = existing(credentialId);
        credential.setFeatures(features);
        credential.setForwardBounces(forwardBounces);
        credential.setJmsSubmission(jmsSubmission);
    }

    /** A new password for the same user name; the old one stops working at once. Shown only here. */
    public NewCredential rotatePassword(long credentialId) {
        SmtpCredential credential = existing(credentialId);
        char[] password = Secrets.password();
        try {
            credential.changePasswordHash(hashing.hash(password));
            return new NewCredential(credential, new String(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Deletes the credential. Its messages stay (and with them deliveries, bounces and clicks): they
     * are detached and keep a copy of the user name, so the log still says who sent them.
     */
    public void deleteCredential(long credentialId) {
        SmtpCredential credential = existing(credentialId);
        em.createQuery("UPDATE Message m SET m.credentialUsername = :username, m.credential = NULL"
                        + " WHERE m.credential.id = :credential")
                .setParameter("username", credential.getUsername())
                .setParameter("credential", credentialId)
                .executeUpdate();
        em.remove(credential);
    }

    /**
     * Deletes an account with its credentials and API tokens. Its messages stay as history, detached
     * from it. Observers of {@link AccountClosing} cancel the mail still waiting in the queue
     * (nobody owns it any more) and drop the suppression list.
     */
    public void deleteAccount(long accountId) {
        Account account = find(accountId).orElseThrow(() -> new UnknownCredentialException("No account " + accountId));
        closing.fire(new AccountClosing(accountId));
        credentials(account).forEach(credential -> deleteCredential(credential.getId()));
        em.createQuery("UPDATE Message m SET m.account = NULL WHERE m.account.id = :account")
                .setParameter("account", accountId).executeUpdate();
        em.createQuery("DELETE FROM ApiToken t WHERE t.account.id = :account")
                .setParameter("account", accountId).executeUpdate();
        em.remove(em.merge(account));
    }

    private SmtpCredential existing(long credentialId) {
        return credential(credentialId)
                .orElseThrow(() -> new UnknownCredentialException("No credential " + credentialId));
    }
}
