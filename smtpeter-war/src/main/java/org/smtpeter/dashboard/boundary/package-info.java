/**
 * The dashboard's pages (Jakarta Faces) and the little web plumbing around them.
 *
 * <p>Decisions:
 * <ul>
 * <li>One backing bean per page, named after it ({@code accounts.xhtml} → {@link
 * org.smtpeter.dashboard.boundary.AccountsPage}), as Cargo Tracker's {@code ListCargo}: "Page"
 * because the plain names belong to the control classes the beans delegate to
 * ({@code Accounts}, {@code MessageLog}, {@code Statistics}). The beans hold form fields and call
 * control classes; no business rule lives here.</li>
 * <li>Pages that only read (messages, message, statistics) are {@code @RequestScoped} and driven
 * by view parameters from plain GET forms: every search has a URL to bookmark or share. Pages
 * that change things (accounts, account, webhooks, queue, suppressions) are {@code @ViewScoped} and use
 * POST forms.</li>
 * <li>CSRF: server-side state saving makes each form's {@code jakarta.faces.ViewState} an
 * unguessable, session-bound token (a forged or missing one changes nothing), and the pages that
 * change things are Faces protected views, so even opening one needs the session's
 * {@code jakarta.faces.Token}. The session cookie is {@code SameSite=Lax} as well.</li>
 * <li>Mail-derived text (subjects, addresses, replies, bounce texts, user agents) is only ever
 * written by escaping output ({@code h:outputText}, EL in attributes); nothing uses
 * {@code escape="false"}. {@link org.smtpeter.dashboard.boundary.SecurityHeaders} adds a
 * Content-Security-Policy without inline script as a second line.</li>
 * <li>No component library: the pages are plain Faces with our own CSS; the only script is
 * {@code resources/dashboard/dashboard.js} (copy buttons, charts) and Chart.js from its WebJar.</li>
 * <li>All times are shown and read in UTC, like the logs and the REST API.</li>
 * </ul>
 */
package org.smtpeter.dashboard.boundary;
