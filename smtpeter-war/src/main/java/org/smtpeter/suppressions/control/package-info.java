/**
 * Suppression lists: addresses an account no longer sends to, after a hard bounce, a complaint,
 * repeated soft bounces or an operator's entry. Delivery asks before it sends; bounces add; an
 * account's list goes when the account is closed.
 */
package org.smtpeter.suppressions.control;
