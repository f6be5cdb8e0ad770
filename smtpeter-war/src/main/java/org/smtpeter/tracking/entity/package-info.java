/**
 * Persistent state of tracking: one row per click or open, as SMTPeter's clicks and opens logs
 * record them.
 */
package org.smtpeter.tracking.entity;
