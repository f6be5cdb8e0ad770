/**
 * Boundary of tracking: the public endpoints under {@code /t} that recipients' mail clients fetch
 * without a token (a click redirects to the link; an open redirects to the image, or answers with
 * the pixel), and the clicks and opens logs in the REST API. The public endpoints (and those of
 * unsubscribe under {@code /u}) answer only for the relay's and the sender domains' tracking hosts
 * ({@link org.smtpeter.tracking.boundary.TrackingHostFilter}).
 */
package org.smtpeter.tracking.boundary;
