/**
 * The message log, read side: searching stored messages and putting together the timeline of
 * one message from every component's records (deliveries, attempts, bounces, opens and clicks).
 * It sits above those components and nothing below depends on it.
 */
package org.smtpeter.messagelog.control;
