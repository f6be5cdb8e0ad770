/**
 * Sender domains and DKIM: keys per domain, the DNS records to publish and their check, signing
 * each outgoing copy, and the rule that an account sends only from verified domains.
 *
 * <p>Decisions:
 * <ul>
 *   <li>The signer is the relay's own ({@link org.smtpeter.domains.control.DkimSigner}): a copy is
 *       pieces of the stored message written straight to the next hop, so the body is hashed as it
 *       streams by, once per copy, and never parsed again. RSA-SHA256 and Ed25519-SHA256 come
 *       from the JDK.</li>
 *   <li>The domain that signs is the From domain or its nearest parent that the account
 *       registered; no public-suffix list is needed, since only registered domains count.</li>
 *   <li>A domain's first keys sign at once; a rotation's keys sign only once the check finds their
 *       records (or the owner activates them), so mail is never signed with a key DNS lacks.</li>
 *   <li>Private keys are encrypted with AES-256-GCM under {@code smtpeter.domains.key-encryption-key}
 *       and bound to their domain and selector; the API never shows them.</li>
 *   <li>Signing fails open: mail goes out unsigned rather than not at all, and the log says why.</li>
 *   <li>A domain's bounce and tracking hosts follow the same rule of coverage as signing, but
 *       unlike its first keys they are used only once the check found their records
 *       ({@link org.smtpeter.domains.control.DomainHosts}): a missing DKIM record costs a signature,
 *       a missing MX or CNAME costs the mail or the links.</li>
 * </ul>
 */
package org.smtpeter.domains.control;
