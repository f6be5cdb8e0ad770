/**
 * The dashboard's people: operators and the users of each account (with their role, whether they
 * may log in, their encrypted TOTP secret), the links mailed to them (invitation, password reset),
 * their recovery codes, and each account's login policy.
 */
package org.smtpeter.users.entity;
