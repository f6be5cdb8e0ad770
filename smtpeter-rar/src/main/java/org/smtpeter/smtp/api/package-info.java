/**
 * The listener contract between the SMTP resource adapter and the application, in plain
 * value types. The adapter knows SMTP, the application knows the business; this package is
 * the only thing they share, so it stays small and stable. It ships inside the rar, and the
 * war compiles against it as {@code provided}: the container exposes the rar's classes.
 */
package org.smtpeter.smtp.api;
