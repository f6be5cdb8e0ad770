/**
 * Getting accepted mail to the next hop: the durable outbound queue
 * ({@link org.smtpeter.delivery.control.DeliveryQueue}), the scheduler that claims due deliveries
 * and runs them on container-managed threads, the outgoing bytes with the features applied,
 * routing (smart host or MX through dnsjava), the SMTP client (Angus Mail), retries, and
 * delivery status notifications to the sender.
 */
package org.smtpeter.delivery.control;
