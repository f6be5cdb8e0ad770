/**
 * The listener contract between the SMTP resource adapter and the application, in plain
 * value types. The adapter knows SMTP, the application knows the business; this package is
 * the only thing they share, so it stays small and stable. It ships inside the rar, and the
 * war compiles against it as {@code provided}: the container exposes the rar's classes.
 *
 * <p>Besides the contract, the adapter reports here what only it can know: what the listeners
 * did ({@link org.smtpeter.smtp.api.SmtpStatistics}, read by the application's metrics) and
 * whether each port is bound ({@link org.smtpeter.smtp.api.ListenerStates}, read by its health
 * checks), with the problems in its settings ({@link org.smtpeter.smtp.api.StartupChecks}). Each
 * adapter keeps one of each; the application reaches them through
 * {@link org.smtpeter.smtp.api.AdapterStatus}, an administered object the container associates
 * with the adapter instance, looked up at {@link org.smtpeter.smtp.api.AdapterStatus#JNDI_NAME}.
 */
package org.smtpeter.smtp.api;
