/**
 * SMTPeter's per-message features: which apply ({@link org.smtpeter.features.control.FeatureHeaders}
 * resolving credential defaults and {@code x-smtpeter-*} headers into
 * {@link org.smtpeter.features.control.AppliedFeatures}), and applying the HTML ones to a raw
 * message ({@link org.smtpeter.features.control.FeaturePipeline} over
 * {@link org.smtpeter.features.control.HtmlParts}).
 *
 * <p>Decisions:
 * <ul>
 *   <li>Rewriting splices instead of re-serialising: the message is parsed in place from a shared
 *       byte array, and only the content bytes of changed {@code text/html} parts are replaced.
 *       Everything else, headers included, keeps its exact bytes; an unchanged message is the
 *       very same array. Jakarta Mail's own {@code writeTo} would rewrite boundaries, drop
 *       epilogues and, via {@code saveChanges}, replace the Message-ID.</li>
 *   <li>A rewritten part keeps its charset and transfer encoding. Characters the charset cannot
 *       hold become numeric character references; a 7bit/8bit part whose lines would pass 998
 *       octets becomes quoted-printable (the one header change).</li>
 *   <li>Fail open everywhere: an unparseable message, an unreadable part or a failing feature
 *       leaves the bytes as they were and is reported in {@link org.smtpeter.features.control.Rewritten#problem()}.</li>
 *   <li>Header toggles: last valid value wins; anything but true/false is ignored. Stripping the
 *       {@code x-smtpeter-*} headers before delivery is the caller's step
 *       ({@link org.smtpeter.features.control.FeatureHeaders#isSmtpeterHeader(String)}).</li>
 * </ul>
 */
package org.smtpeter.features.control;
