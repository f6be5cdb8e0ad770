/**
 * MicroProfile Health checks that look at the application itself, since Payara Micro reports UP
 * even when a deployment failed: liveness and readiness need the SMTP listeners (as the resource
 * adapter reports them, not by connecting), readiness also the database. Whatever may hang (the
 * database, the pool) is probed on a thread of its own and waited for only so long
 * ({@link org.smtpeter.health.control.BoundedProbe}): a health endpoint that hangs is worse than
 * one that says DOWN.
 */
package org.smtpeter.health.control;
