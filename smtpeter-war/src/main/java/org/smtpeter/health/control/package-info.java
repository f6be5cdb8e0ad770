/**
 * MicroProfile Health checks that look at the application itself, since Payara Micro reports UP
 * even when a deployment failed: liveness and readiness need the SMTP listeners, readiness also
 * the database.
 */
package org.smtpeter.health.control;
