/**
 * Understanding what comes back to the bounce address: {@link org.smtpeter.bounces.control.BounceParser}
 * turns the raw bytes into a {@link org.smtpeter.bounces.control.BounceReport} (kind, SMTPeter
 * bucket, classified recipients, complaint fields, the original's Message-ID and headers), and
 * {@link org.smtpeter.bounces.control.BounceClassifier} decides hard or soft per recipient.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Order of checks: machine-readable reports first (a message/feedback-report part makes a
 *       complaint, a message/delivery-status or message/global-delivery-status part with recipient
 *       groups a DSN; found anywhere in the MIME tree outside a returned message, whatever the
 *       report-type says), then plain-text MTA bounce shapes, then auto-reply markers, then human
 *       replies, else UNKNOWN. MTAs put {@code Auto-Submitted: auto-replied} on their own
 *       bounces, so auto-reply headers only count once the message is known not to be a bounce.</li>
 *   <li>The DSN kind comes from the per-recipient Actions: any failed makes DSN_FAILURE, else any
 *       delayed DSN_DELAYED, else any relayed DSN_RELAYED, else DSN_DELIVERED. A group without a
 *       valid Action gets one from its Status class. Groups not separated by a blank line are
 *       split at the next Final-Recipient.</li>
 *   <li>Buckets, as SMTPeter's failures, bounces and responses logs: failure = DSN_FAILURE only;
 *       bounce = everything else that came back (plain-text bounces, delay and success DSNs,
 *       UNKNOWN); response = AUTO_REPLY and
 *       HUMAN_REPLY. Complaints get a fourth bucket, ABUSE, for SMTPeter's separate abuses log.
 *       HUMAN_REPLY is a kind of its own so that a person's answer is a response while a message
 *       with no markers at all stays UNKNOWN (bounce). {@code structured} tells a machine-readable
 *       DSN from a recognised plain-text one, for the NOTIFY=NEVER rule.</li>
 *   <li>Plain-text bounces: a list of shapes (subject or text patterns per MTA, delay warnings
 *       first) only decides that it is a bounce; recipients are then found the same way for all:
 *       the addresses in the explanation before the quoted original (minus the bounce's own
 *       addresses, the transcript's MAIL FROM and "generated from" aliases), each with the SMTP
 *       reply that follows it; postmaster@ addresses ("contact postmaster@...") are skipped too.
 *       X-Failed-Recipients (Exim, Gmail) fills in recipients the text does not name. A generic
 *       rule catches the rest: a bounce-like subject or a MAILER-DAEMON/postmaster sender together
 *       with failure wording.</li>
 *   <li>Reason and hardness ({@link org.smtpeter.bounces.control.BounceReasons}, tables in
 *       bounce-reasons.tsv): every recipient gets a reason in Sisimai's vocabulary (userunknown,
 *       hostunknown, hasmoved, mailboxfull, filtered, blocked, spamdetected, policyviolation,
 *       rejected, expired, suspend, norelaying, ...), which is what the bounce record stores as its
 *       category. Hard exactly where Sisimai calls the address permanently bad: userunknown,
 *       hostunknown, hasmoved, and notaccept with a 5.x.x code; everything else (blocks, policy,
 *       spam, full mailboxes, relay refusals, unexplained 55x) is soft, and delays are never
 *       failures. Measured against Sisimai's public corpus by SisimaiCorpusTest. The coarse
 *       {@link org.smtpeter.bounces.control.Classification.Category} is still computed (RFC 3463,
 *       below) for the notice text and old callers.</li>
 *   <li>Classification (RFC 3463): only Action failed is a failure; class 4 is soft (a DSN with
 *       Action failed and a 4.x.x status is an expired message, e.g. greylisting that never
 *       cleared); 5.1.x hard (unknown user, bad domain; but 5.1.7/5.1.8 concern the sender and
 *       are soft policy); 5.2.1 hard; 5.2.2 mailbox full soft, as the industry treats it (it
 *       usually clears; repeated soft bounces suppress later); 5.2.3/5.3.4 and size wording soft
 *       message-too-large (the sender's to fix); 5.4.4 hard bad domain; 5.4.1 with "Access denied"
 *       hard unknown-user (Office 365 directory-based edge blocking); 5.7.x soft
 *       spam-rejected or policy, except relay/authentication refusals (hard relay-denied) and a
 *       5.7.x that clearly names an unknown user. A generic Status (X.0.0) is refined by a
 *       specific code of the same class in the Diagnostic-Code (Exim writes 5.0.0 next to
 *       "550 5.1.1"). With only a basic code or X.0.0 the wording decides, and a 55x with nothing
 *       telling is hard. No code and no telling words: soft "other", never suppress on a guess.
 *       5.1.10 is unknown-user (Microsoft's RecipientNotFound) unless the text says null MX.</li>
 *   <li>Complaints: every RFC 5965 feedback report is recorded as a complaint (Sisimai's
 *       "feedback"), its Feedback-Type as the category; abuse, fraud, virus, other, opt-out (and
 *       unknown types) suppress the address, auth-failure (RFC 6591 authentication failure
 *       reports) and not-spam do not: they say nothing against the recipient.</li>
 *   <li>Broken input never throws. A multipart without a boundary parameter is broken rather than
 *       guessed at: a report whose structure was mangled is not trusted to suppress anyone. (Jakarta
 *       Mail would guess from the first "--" line; its switch is a System property, so the reader
 *       checks the parameter itself.) A broken part below the top is
 *       skipped and named in the reason. Text is read up to 256 KiB per part; charsets are the
 *       declared one, else UTF-8 if valid, else windows-1252.</li>
 *   <li>The original Message-ID comes from the returned message/rfc822, text/rfc822-headers or
 *       message/global-headers part, else Gmail's per-message X-Original-Message-ID field, else
 *       a header block quoted in a plain-text bounce, else the In-Reply-To header (how replies
 *       point at what they answer).</li>
 *   <li>Abuse: a bounce address is printed in every copy's Return-Path, so anyone may write to it.
 *       {@link org.smtpeter.bounces.control.BounceGate} lets mail in only for a real delivery's
 *       token, up to {@code smtpeter.bounces.address-lifetime} after that delivery ended (then 550
 *       5.1.1 at RCPT), below the bounce path's own size limit (552 5.3.4 for SIZE= at RCPT and
 *       at the end of DATA) and within {@link org.smtpeter.bounces.control.BounceRates} (450 4.7.1
 *       at RCPT). What is forwarded never leaves as it came:
 *       {@link org.smtpeter.bounces.control.BounceNotice} wraps it in a notice of the relay's own,
 *       sent with the null sender, and forwards have their own, smaller rate limits.</li>
 * </ul>
 */
package org.smtpeter.bounces.control;
