/**
 * One-click unsubscribe (RFC 8058) for credentials and messages that ask for it.
 *
 * <p>Decisions:
 * <ul>
 *   <li>The link is {@code <smtpeter.tracking.base-url>/u/<token>} (on the sender domain's tracking
 *       host when one is ready, as the other links), the token a signed tracking
 *       token of kind {@code U} naming the message and the recipient: nothing is stored per link,
 *       and a tampered link gets 404.</li>
 *   <li>The mailto address is the copy's VERP bounce address with {@code u-} for {@code b-}, on the
 *       same bounce host: it
 *       needs no new token or table, arrives through the bounce path with its limits, and exists
 *       only when bounce tracking is on. Mail to it unsubscribes whatever it says.</li>
 *   <li>A customer's own {@code List-Unsubscribe} is kept as it is, and the relay adds nothing,
 *       not even {@code List-Unsubscribe-Post}: only the customer knows whether their URI takes
 *       the one-click POST.</li>
 *   <li>Unsubscribing suppresses the recipient for the whole account, as SMTPeter's suppression
 *       lists work per account; an operator can remove the entry.</li>
 *   <li>Any POST to a genuine link unsubscribes, whatever its body and content type: RFC 8058 asks
 *       for {@code List-Unsubscribe=One-Click} in a form body, but mailbox providers differ in how
 *       they encode it, and the POST itself is what link scanners never send. A GET only shows the
 *       page with the button.</li>
 * </ul>
 */
package org.smtpeter.unsubscribe.control;
