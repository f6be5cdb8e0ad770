/**
 * Accepting mail: who may send to whom ({@link org.smtpeter.intake.control.RelayPolicy}; the relay
 * is never open), and storing an accepted message with its envelope and its deliveries or bounce
 * records in one transaction ({@link org.smtpeter.intake.control.IncomingMessages}), for SMTP and
 * for JMS submission alike.
 */
package org.smtpeter.intake.control;
