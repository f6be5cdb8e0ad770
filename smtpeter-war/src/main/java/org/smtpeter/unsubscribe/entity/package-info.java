/** What unsubscribing leaves behind: one row per message and recipient who unsubscribed. */
package org.smtpeter.unsubscribe.entity;
