/**
 * Persistent state of delivery: one {@link org.smtpeter.delivery.entity.Delivery} per recipient
 * of a message with its {@link org.smtpeter.delivery.entity.DeliveryState}, and every attempt
 * with the next hop's reply ({@link org.smtpeter.delivery.entity.DeliveryAttempt}).
 */
package org.smtpeter.delivery.entity;
