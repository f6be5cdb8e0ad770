/**
 * Boundary of accounts and logins: the REST resources for accounts, their SMTP credentials and
 * their API tokens. A password or token is in a response only once, when it is made.
 */
package org.smtpeter.credentials.boundary;
