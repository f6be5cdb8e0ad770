package org.smtpeter.credentials.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
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

    private final Clock clock = Clock.systemUTC();

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
        char[] password = Secrets.password();
        try {
            SmtpCredential credential = new SmtpCredential(em.merge(account), Secrets.username(),
                    hashing.hash(password), features, description, Instant.now(clock));
            credential.setForwardBounces(forwardBounces);
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
}
