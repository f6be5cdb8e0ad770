/** An account's suppressed address, unique per account in normalised form. */
package org.smtpeter.suppressions.entity;
