/**
 * Sockets and TLS: accepting connections within limits, STARTTLS and implicit TLS, the
 * development certificate, and failed-AUTH counting across connections.
 */
package org.smtpeter.smtp.server;
