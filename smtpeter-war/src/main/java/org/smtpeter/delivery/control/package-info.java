/**
 * Getting accepted mail to the next hop: the durable outbound queue
 * ({@link org.smtpeter.delivery.control.DeliveryQueue}: enqueue, claim, release, retry, cancel),
 * the scheduler that claims due deliveries and runs them on container-managed threads, loading a
 * claimed share ({@link org.smtpeter.delivery.control.ShipmentLoader}) with the outgoing bytes and
 * the features applied, routing (smart host or MX through dnsjava), the SMTP client (Angus Mail),
 * what follows an attempt ({@link org.smtpeter.delivery.control.AfterAttempt}: retries, events, a
 * final refusal announced as {@link org.smtpeter.delivery.control.NextHopRefusal}) and mail to the
 * sender ({@link org.smtpeter.delivery.control.SenderNotifications}: delivery status
 * notifications, forwarded bounce notices).
 */
package org.smtpeter.delivery.control;
