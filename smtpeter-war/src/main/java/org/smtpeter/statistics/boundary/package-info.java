/**
 * Boundary of the statistics: the REST resource with counts per hour or day.
 */
package org.smtpeter.statistics.boundary;
