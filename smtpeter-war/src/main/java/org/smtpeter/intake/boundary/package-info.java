/**
 * Where mail comes in: one message-driven bean per SMTP listener role (submission, smtps, mta),
 * which the resource adapter calls through {@link org.smtpeter.smtp.api.SmtpListener}, and the
 * consumer of the JMS submission queue. The beans run without a container transaction, so the
 * store commits on its own and a failed commit reaches the client as 451, never as a 250.
 */
package org.smtpeter.intake.boundary;
