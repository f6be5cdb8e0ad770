/**
 * Boundary of unsubscribe: the public {@code /u/<token>} link of the {@code List-Unsubscribe}
 * header, a confirmation page on GET and the one-click unsubscribe on POST.
 */
package org.smtpeter.unsubscribe.boundary;
