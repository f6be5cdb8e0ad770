package org.smtpeter.suppressions.control;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.smtpeter.credentials.entity.Account;

/** Addresses to look up in several accounts' suppression lists at once ({@link Suppressions#findAny(RecipientsByAccount)}). */
public final class RecipientsByAccount {

    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final Map<Long, Set<String>> addresses = new LinkedHashMap<>();

    public RecipientsByAccount add(Account account, String address) {
        accounts.putIfAbsent(account.getId(), account);
        addresses.computeIfAbsent(account.getId(), id -> new LinkedHashSet<>()).add(address);
        return this;
    }

    Map<Long, Account> accounts() {
        return accounts;
    }

    Set<String> addressesOf(long accountId) {
        return addresses.get(accountId);
    }
}
