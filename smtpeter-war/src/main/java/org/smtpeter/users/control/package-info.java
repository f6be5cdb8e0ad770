/**
 * Dashboard users: creating them, changing passwords, and the first administrator, created and
 * printed once on the first start (as the development SMTP credential is).
 */
package org.smtpeter.users.control;
