/**
 * Small pieces every component may use and that belong to none: client addresses for counting
 * (IPv6 by /64), windowed counts, row locks for queue-like claims, rounds of polling, JNDI
 * lookups by configured name, the SMTP adapter's administered object ({@code Adapter}), and Jakarta
 * Mail's stream provider. Nothing here knows about mail
 * flow or imports another component.
 */
package org.smtpeter.platform.control;
