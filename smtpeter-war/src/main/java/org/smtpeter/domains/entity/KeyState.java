package org.smtpeter.domains.entity;

/**
 * Where a DKIM key is in its life. A domain's first keys sign at once; a rotation's keys are
 * {@link #PUBLISHED} beside the active ones and sign only once the DNS check has found their
 * record (or the owner activates them), which retires the keys they replace.
 */
public enum KeyState {
    /** Its record is to be published; it does not sign yet. */
    PUBLISHED,
    /** It signs. */
    ACTIVE,
    /** Replaced; its record may be removed from DNS once mail signed with it has arrived. */
    RETIRED
}
