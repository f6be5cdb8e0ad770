/**
 * MicroProfile Metrics of the relay, application scope, served by Payara at
 * {@code /metrics?scope=application} (Prometheus text; names and meanings in docs/operations.md).
 *
 * <p>Three sources, each counted where the thing happens: the SMTP side comes from the resource
 * adapter's {@link org.smtpeter.smtp.api.SmtpStatistics}, read by gauges at scrape time (the
 * adapter has no metrics library, and a Counter cannot wrap a value kept elsewhere, so its
 * monotonic counts are gauges named {@code *_total}); the mail side comes from the committed
 * {@link org.smtpeter.events.control.MailEvent}s, observed after success, so a rolled-back
 * attempt is never counted; the queue comes from the database, cached for a few seconds so that
 * scraping stays cheap, and bounded in time so that a sick database cannot hang a scrape.
 */
package org.smtpeter.metrics.control;
