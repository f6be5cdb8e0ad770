package org.smtpeter.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs a step now and again when the current transaction has ended. For caches of what a
 * transaction changes: forgotten only before the commit, an entry may be read back from the old
 * rows by another thread in between and kept as if it were new.
 */
@ApplicationScoped
public class AfterCommit {

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void nowAndAfterCompletion(Runnable step) {
        step.run();
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    step.run();
                }
            });
        }
    }
}
