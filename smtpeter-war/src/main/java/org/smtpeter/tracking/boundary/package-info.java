/**
 * Boundary of tracking: the public endpoints under {@code /t} that recipients' mail clients fetch
 * without a token (a click redirects to the link; an open redirects to the image, or answers with
 * the pixel), and the clicks and opens logs in the REST API.
 */
package org.smtpeter.tracking.boundary;
