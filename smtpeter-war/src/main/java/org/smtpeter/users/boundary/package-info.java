/**
 * Logging in to the dashboard and who may see what there, all Jakarta Security (Soteria in Payara).
 *
 * <p>Decisions:
 * <ul>
 * <li>One identity store of our own, {@link org.smtpeter.users.boundary.DashboardIdentityStore}:
 * the password (Jakarta Security's PBKDF2, made by the same {@code PasswordHashing} as the SMTP
 * passwords) and, for people with two-factor login, a TOTP or recovery code, in one credential.
 * The group is the person's role: ADMIN (an operator), OWNER or MEMBER (of one account).</li>
 * <li>A custom form mechanism, so that the login page is a Faces page like the rest: {@link
 * org.smtpeter.users.boundary.LoginPage} hands the credential to {@code SecurityContext}; after a
 * login the browser goes on to the page it asked for. The session id changes at login.</li>
 * <li>web.xml lets the three roles into {@code /dashboard/*}; {@link
 * org.smtpeter.users.boundary.DashboardAccess} then refuses operator pages to account people,
 * answers another account as not found, ends the session of someone disabled since logging in and
 * holds people of an account that requires two-factor login at its set-up page. Pages ask {@link
 * org.smtpeter.users.boundary.Viewer} which account they are about.</li>
 * <li>Invitations and password resets are pages outside {@code /dashboard/} opened by a link mailed
 * through the relay itself.</li>
 * </ul>
 */
package org.smtpeter.users.boundary;
