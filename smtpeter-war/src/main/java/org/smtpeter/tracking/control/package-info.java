/**
 * Click and open tracking: HTML rewriters and the signed tokens they put in URLs.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Tokens are stateless and signed ({@link org.smtpeter.tracking.control.TrackingTokens}):
 *       HMAC-SHA256 truncated to 128 bits over a compact payload (kind, position, message id,
 *       recipient, target URL), URL-safe base64. Nothing is stored per link; a token that fails
 *       verification must get a 404 and never a redirect, so the endpoints are no open redirect.
 *       The secret is {@code smtpeter.tracking.secret} (MicroProfile Config); without it a random
 *       secret is used for the run and links die with a restart.</li>
 *   <li>The target in a token is the href as the browser sees it: character references decoded
 *       by jsoup ({@code &amp;} becomes {@code &}), tabs and newlines removed, surrounding
 *       whitespace trimmed, nothing else touched (query, fragment, percent-encoding, case).</li>
 *   <li>Positions are the 0-based document order of all candidates ({@code a[href]},
 *       {@code area[href]} for clicks; {@code img} for opens), rewritten or not, so they do not
 *       shift when a setting such as preventscam changes which links are rewritten.</li>
 *   <li>preventscam generalises SMTPeter's "label equals the link" to "label looks like a URL or
 *       a domain" ({@link org.smtpeter.tracking.control.UrlLikeLabel}).</li>
 *   <li>Open tracking rewrites remote {@code img src} (not {@code srcset}, CSS backgrounds or
 *       {@code background} attributes); the pixel is added only when a part has no remote image:
 *       {@code <img src="BASE/t/o/TOKEN" width="1" height="1" alt=""
 *       style="display:block;border:0;width:1px;height:1px">} at the end of {@code <body>}.</li>
 *   <li>HTML is parsed and written with jsoup, never rewritten with regular expressions, and
 *       written without pretty printing. When nothing needs rewriting the input string is returned
 *       as it was, so untouched parts stay byte-identical.</li>
 * </ul>
 */
package org.smtpeter.tracking.control;
