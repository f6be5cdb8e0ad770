package org.smtpeter.audit.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.smtpeter.audit.entity.AuditEntry;

/** Records changes into the audit log and reads it back, newest first. */
@Stateless
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Records a change. It must run in the transaction that makes the change (MANDATORY: without
     * one this fails instead of writing an entry of its own), so that the entry commits or rolls
     * back with it.
     *
     * @param accountId     the account changed; null for a relay-wide change
     * @param actor         who: "admin token", "API token 12 (deploy)", a dashboard user's name
     * @param remoteAddress the client's address as the server saw it; null when unknown
     * @param action        a code of {@link AuditActions}
     * @param detail        what, for people: the credential's user name, the domain, the address
     * @throws IllegalArgumentException for a malformed action or no actor
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(Long accountId, String actor, String remoteAddress, String action, String detail) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an actor");
        }
        em.persist(new AuditEntry(accountId, Instant.now(clock), actor, remoteAddress, AuditActions.check(action),
                detail));
    }

    /**
     * A page of the log, newest first.
     *
     * @param accountId    one account's entries; null for every entry (operators only)
     * @param actionFilter only actions that start with it (see {@link AuditActions#prefix}); null or blank for all
     * @throws IllegalArgumentException for a filter no action can start with (check it first with
     *                                  {@link AuditActions#prefix} to tell the user)
     */
    public List<AuditEntry> entries(Long accountId, String actionFilter, int offset, int limit) {
        String actionPrefix = AuditActions.prefix(actionFilter);
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEntry e WHERE 1 = 1");
        if (accountId != null) {
            jpql.append(" AND e.accountId = :account");
        }
        if (actionPrefix != null) {
            jpql.append(" AND e.action LIKE :prefix");
        }
        TypedQuery<AuditEntry> query = em.createQuery(jpql.append(" ORDER BY e.at DESC, e.id DESC").toString(),
                AuditEntry.class);
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        if (actionPrefix != null) {
            query.setParameter("prefix", actionPrefix + "%");
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
