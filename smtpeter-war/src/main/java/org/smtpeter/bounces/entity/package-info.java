/**
 * Entities of the bounce path: what came back for one recipient of one message
 * ({@link org.smtpeter.bounces.entity.Bounce}), the table behind SMTPeter's bounces, failures,
 * responses and abuses logs.
 */
package org.smtpeter.bounces.entity;
