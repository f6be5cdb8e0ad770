/**
 * Counts per UTC hour or day (accepted, delivered, deferred, bounces, opens, clicks), every bucket
 * of a range, for the whole selection or a series per tag, for the API and the dashboard's charts;
 * counted in Java so the same JPQL runs on H2 and PostgreSQL.
 */
package org.smtpeter.statistics.control;
