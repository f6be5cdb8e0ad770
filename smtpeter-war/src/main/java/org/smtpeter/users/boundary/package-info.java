/**
 * Logging in to the dashboard, all Jakarta Security (Soteria in Payara); nothing home-made.
 *
 * <p>Decisions:
 * <ul>
 * <li>A database identity store on the application's own data source, {@code jdbc/smtpeter}, and
 * the {@code dashboard_user} table that JPA creates at deployment: no second database, no realm
 * to set up in the server. Hashes are Jakarta Security's PBKDF2, made by the same
 * {@code PasswordHashing} as the SMTP passwords.</li>
 * <li>A custom form mechanism, so that the login page is a Faces page like the rest: {@link
 * org.smtpeter.users.boundary.LoginPage} hands the credential to {@code SecurityContext}; after a
 * login the browser goes on to the page it asked for. The session id changes at login.</li>
 * <li>web.xml guards {@code /dashboard/*} for role {@code ADMIN} (Payara maps the group of the
 * same name to it by default); logging out ends the authentication and the whole session.</li>
 * </ul>
 */
package org.smtpeter.users.boundary;
