/** Sender domains, their DKIM keys (private keys encrypted) and an account's rule for From domains. */
package org.smtpeter.domains.entity;
