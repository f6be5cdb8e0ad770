package org.smtpeter.suppressions.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.inject.Inject;

import org.smtpeter.suppressions.entity.Suppression;
import org.smtpeter.credentials.control.AccountClosing;
import org.smtpeter.credentials.entity.Account;

/** The accounts' suppression lists: who is not sent to any more, and why. */
@Stateless
public class Suppressions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Optional<Suppression> find(Account account, String address) {
        return em.createNamedQuery(Suppression.FIND, Suppression.class)
                .setParameter("account", account.getId())
                .setParameter("address", Suppression.normalize(address))
                .getResultStream().findFirst();
    }

    /**
     * The entries for any of these addresses, by normalised address; one query for all of them.
     * Without flushing the persistence context first: the callers' pending rows are messages and
     * deliveries, which do not change the lists, and a batch at intake then flushes once. (An entry
     * added in the same transaction is not seen here; the check before sending sees it.)
     */
    public Map<String, Suppression> findAny(Account account, Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        return em.createNamedQuery(Suppression.FIND_ANY, Suppression.class)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("account", account.getId())
                .setParameter("addresses", addresses.stream().map(Suppression::normalize).distinct().toList())
                .getResultStream()
                .collect(Collectors.toMap(Suppression::getAddress, suppression -> suppression, (a, b) -> a));
    }

    /** The same for several accounts: by account id, their entries by normalised address; one query per account. */
    public Map<Long, Map<String, Suppression>> findAny(RecipientsByAccount recipients) {
        Map<Long, Map<String, Suppression>> found = new HashMap<>();
        recipients.accounts().forEach((id, account) -> found.put(id, findAny(account, recipients.addressesOf(id))));
        return found;
    }

    /** Adds the address unless it is listed already; returns the entry either way. */
    public Suppression suppress(Account account, String address, String reason, String detail) {
        return find(account, address).orElseGet(() -> {
            Suppression suppression = new Suppression(em.merge(account), address, reason, detail, Instant.now(clock));
            em.persist(suppression);
            return suppression;
        });
    }

    public List<Suppression> list(long accountId, String address, int offset, int limit) {
        TypedQuery<Suppression> query = em.createQuery("SELECT s FROM Suppression s WHERE s.account.id = :account"
                + (address == null ? "" : " AND s.address LIKE :address") + " ORDER BY s.createdAt DESC, s.id DESC",
                Suppression.class).setParameter("account", accountId);
        if (address != null) {
            query.setParameter("address", "%" + Suppression.normalize(address) + "%");
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public Optional<Suppression> byId(long id) {
        return Optional.ofNullable(em.find(Suppression.class, id));
    }

    public boolean remove(long id) {
        Suppression suppression = em.find(Suppression.class, id);
        if (suppression == null) {
            return false;
        }
        em.remove(suppression);
        return true;
    }

    /** An account's suppression list goes with the account. */
    public void dropList(@Observes AccountClosing closing) {
        em.createQuery("DELETE FROM Suppression s WHERE s.account.id = :account")
                .setParameter("account", closing.accountId()).executeUpdate();
    }
}
